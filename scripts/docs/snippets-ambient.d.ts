// Third-party modules that README snippets import and no workspace package depends on, declared with
// only the members those snippets use (the shapes of the real packages), so the snippets compile
// without installing them. The snippet test compiles every snippet with this file.

declare module '@aws-sdk/client-kms' {
  export interface SignCommandInput {
    KeyId: string;
    Message: Uint8Array;
    MessageType: 'RAW' | 'DIGEST';
    SigningAlgorithm: string;
  }
  export class SignCommand {
    constructor(input: SignCommandInput);
  }
  export class KMSClient {
    constructor(config: object);
    send(command: SignCommand): Promise<{ Signature?: Uint8Array }>;
  }
}
