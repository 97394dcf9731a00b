// Passkeys through the browser's own WebAuthn API (navigator.credentials), no library: the server's options in
// (binary fields as base64url text), the credential out as the JSON the server reads (base64url again).

/** Whether this browser can make and use passkeys at all (an old browser gets the other ways in). */
export function passkeysSupported() {
  return Boolean(window.PublicKeyCredential && navigator.credentials && navigator.credentials.create);
}

function bytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

function text(buffer) {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const descriptors = (list) => (list || []).map((c) => ({ ...c, id: bytes(c.id) }));

/** "Passkey toevoegen": the browser makes a passkey for these options; what POST /api/account/passkeys reads. */
export async function createPasskey(options) {
  const credential = await navigator.credentials.create({
    publicKey: {
      ...options, challenge: bytes(options.challenge), user: { ...options.user, id: bytes(options.user.id) },
      excludeCredentials: descriptors(options.excludeCredentials),
    },
  });
  const { response } = credential;
  return {
    credential_id: credential.id,
    client_data_json: text(response.clientDataJSON),
    attestation_object: text(response.attestationObject),
    transports: typeof response.getTransports === 'function' ? response.getTransports() : null,
  };
}

/** Signing in with a passkey: the browser signs the challenge; what the passkey routes read. */
export async function usePasskey(options) {
  const credential = await navigator.credentials.get({
    publicKey: { ...options, challenge: bytes(options.challenge), allowCredentials: descriptors(options.allowCredentials) },
  });
  const { response } = credential;
  return {
    credential_id: credential.id,
    client_data_json: text(response.clientDataJSON),
    authenticator_data: text(response.authenticatorData),
    signature: text(response.signature),
    user_handle: response.userHandle && response.userHandle.byteLength ? text(response.userHandle) : null,
  };
}

/** What to tell the user when the browser's passkey dialog did not give a passkey (never the browser's English). */
export function passkeyProblem(error) {
  if (error && error.name === 'InvalidStateError') {
    return 'Deze passkey hoort al bij uw account. Kies een ander apparaat of een andere passkey.';
  }
  if (error && error.name === 'NotAllowedError') {
    return 'Er is geen passkey gebruikt: het venster is gesloten of de tijd is verstreken. Probeer het opnieuw.';
  }
  return 'Uw browser kon geen passkey gebruiken. Probeer het opnieuw, of kies een andere manier.';
}

/** True for the browser's own refusals (DOMException), as opposed to an answer of the portal (ApiError). */
export function isBrowserRefusal(error) {
  return error instanceof DOMException;
}
