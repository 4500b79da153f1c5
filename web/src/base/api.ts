// The core of the JSON API client (docs/api.md), on which each area adds its typed calls (<area>/api.ts).
// Every request is same-origin with the session cookie, carries `X-Requested-With: yiqiao` (the
// server's CSRF check) and the UI language as Accept-Language, and sends JSON. Failures become
// ApiError with the server's localised problem+json fields.
import { lang, t } from './i18n';

export type UiLang = 'en' | 'zh-Hant' | 'zh-Hans';

export interface Names {
  en: string;
  'zh-Hant': string;
  'zh-Hans': string;
}

/** How a service or appointment is held. */
export type ConsultationType = 'video' | 'voice' | 'in_person';

export interface FieldError {
  field: string;
  message: string;
  message_key?: string;
}

/** A failed call: the server's problem+json, or a network failure (status 0, code "network"). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly retryAfter: number | null;
  readonly requestId: string | null;

  constructor(init: {
    status: number;
    code: string;
    detail: string;
    errors?: FieldError[];
    retryAfter?: number | null;
    requestId?: string | null;
  }) {
    super(init.detail);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter ?? null;
    this.requestId = init.requestId ?? null;
  }
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

type Hook = (error: ApiError, path: string) => void;
let onAuthProblem: Hook = () => {};

/** The app shell learns here when a session ended (401) or a staff member must enrol TOTP first. */
export function setAuthProblemHandler(hook: Hook): void {
  onAuthProblem = hook;
}

/** The ApiError a failed answer carries (for calls that cannot go through request(), e.g. file uploads). */
export async function problemFrom(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('X-Request-Id');
  const type = res.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const p = (await res.json()) as Record<string, unknown>;
      const errors = Array.isArray(p.errors) ? (p.errors as FieldError[]) : [];
      const retryHeader = Number(res.headers.get('Retry-After'));
      const retryAfter =
        typeof p.retry_after === 'number' ? p.retry_after : Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : null;
      return new ApiError({
        status: res.status,
        code: typeof p.code === 'string' ? p.code : `http_${res.status}`,
        detail:
          typeof p.detail === 'string' && p.detail
            ? p.detail
            : typeof p.title === 'string' && p.title
              ? p.title
              : t('error.unexpected'),
        errors,
        retryAfter,
        requestId,
      });
    } catch {
      // fall through: a body that is not the promised JSON
    }
  }
  return new ApiError({ status: res.status, code: `http_${res.status}`, detail: t('error.unexpected'), requestId });
}

/** One JSON API call (each area's api.ts builds its typed calls on it); `extraHeaders` adds e.g. an `Idempotency-Key`. */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = {
    ...extraHeaders,
    Accept: 'application/json',
    'Accept-Language': lang(),
    'X-Requested-With': 'yiqiao',
  };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  } else if (method !== 'GET') {
    // Unsafe methods always send a JSON body, even an empty one.
    headers['Content-Type'] = 'application/json';
    init.body = '{}';
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError({ status: 0, code: 'network', detail: t('error.network') });
  }
  if (!res.ok) {
    const error = await problemFrom(res);
    onAuthProblem(error, path);
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}
