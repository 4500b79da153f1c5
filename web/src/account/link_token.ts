// The token of an e-mailed link. It rides in the fragment (#token=...), which browsers never send to
// a server or in a Referer; once read it is removed from the address bar so history keeps no copy.
export function takeLinkToken(): string {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]{1,128})/.exec(location.hash);
  if (m) history.replaceState(history.state, '', location.pathname + location.search);
  return m?.[1] ?? '';
}
