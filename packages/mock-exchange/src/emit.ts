/**
 * Everything the simulator sends, reported to the `onEmit` hook of `startMockExchange` before it
 * goes on the wire. The package's own tests validate every one against openapi.yaml and
 * asyncapi.yaml; use it the same way, or to record traffic.
 */
export type EmittedMessage =
  | {
      readonly kind: 'rest';
      /** The spec's operationId, or undefined for a path the simulator does not serve. */
      readonly operationId: string | undefined;
      readonly method: string;
      /** Request path, without the query string. */
      readonly path: string;
      readonly status: number;
      /** Parsed JSON body; undefined for 204. */
      readonly body: unknown;
    }
  | {
      readonly kind: 'ws';
      /** The frame as sent. */
      readonly text: string;
      /** The parsed frame; undefined when `malformed`. */
      readonly frame: unknown;
      /** True only for frames sent by the malformed-frame fault. */
      readonly malformed: boolean;
    };

/** The `onEmit` hook. Called synchronously; it must not throw. */
export type EmitHook = (message: EmittedMessage) => void;
