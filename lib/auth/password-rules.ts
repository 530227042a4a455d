// Password rules shared by the server and the forms (no native code here, so the browser can import it).
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
