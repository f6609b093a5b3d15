// Messages the login page shows after another page sent the user there.
export type LoginNotice = 'registered' | 'passwordReset' | 'invitationAccepted' | 'expired' | 'signedOut';

const NOTICES: readonly LoginNotice[] = ['registered', 'passwordReset', 'invitationAccepted', 'expired', 'signedOut'];

export function loginPath(notice: LoginNotice): string {
  return `/login?notice=${notice}`;
}

export function readNotice(params: URLSearchParams): LoginNotice | undefined {
  const value = params.get('notice') ?? (params.get('reason') === 'expired' ? 'expired' : null);
  return NOTICES.find((notice) => notice === value);
}

/** Only same-site paths are followed after signing in. */
export function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') ? value : '/';
}
