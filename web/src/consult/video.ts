// Shows a MediaStream in a <video> element (lit-html cannot bind srcObject as an attribute).
import { ref } from 'lit-html/directives/ref.js';

export function bindStream(stream: MediaStream | null) {
  return ref((el) => {
    const v = el as HTMLVideoElement | undefined;
    if (v && v.srcObject !== stream) v.srcObject = stream;
  });
}
