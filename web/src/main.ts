import './styles.css';
import { start } from './app';

void start();
