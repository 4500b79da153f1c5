// Typed calls of dependants and carers (docs/api.md: "Dependants and carers").
import { request } from '../base/api';

const enc = encodeURIComponent;
const V1 = '/api/v1';

export type RelationStatus = 'pending' | 'active' | 'revoked';

export interface ManagedPerson {
  patient_id: string;
  display_name: string;
  relationship: string;
  status: RelationStatus;
  date_of_birth: string;
  created_at: number;
}

/** A carer request I made: only the address I typed, never whom (if anyone) it reached. */
export interface CarerRequest {
  request_id: string;
  email: string;
  relationship: string;
  status: 'pending';
  created_at: number;
  expires_at: number;
}

export interface Carer {
  carer_id: string;
  display_name: string;
  relationship: string;
  status: RelationStatus;
  created_at: number;
}

export const familyApi = {
  family: () => request<{ dependants: ManagedPerson[]; requests: CarerRequest[]; carers: Carer[] }>('GET', `${V1}/dependants`),
  withdrawCarerRequest: (id: string) => request<void>('DELETE', `${V1}/dependants/requests/${enc(id)}`),
  addChild: (body: { display_name: string; date_of_birth: string; sex?: string }) =>
    request<ManagedPerson>('POST', `${V1}/dependants/children`, body),
  requestCarerAccess: (body: { email: string; relationship: string }) =>
    request<void>('POST', `${V1}/dependants/requests`, body),
  stopManaging: (patient: string) => request<void>('DELETE', `${V1}/dependants/${enc(patient)}`),
  answerCarer: (carer: string, accept: boolean) =>
    request<{ carer_id: string; status: RelationStatus }>('POST', `${V1}/carers/${enc(carer)}/${accept ? 'accept' : 'decline'}`),
  revokeCarer: (carer: string) => request<void>('DELETE', `${V1}/carers/${enc(carer)}`),
};
