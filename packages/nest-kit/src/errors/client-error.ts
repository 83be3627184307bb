import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** What Node's HTTP parser refuses before any route runs, and the status each gets. */
const STATUS_BY_PARSER_CODE: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'Payload Too Large', 'PAYLOAD_TOO_LARGE'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'REQUEST_TIMEOUT'],
};

const MESSAGES: Record<number, string> = {
  431: 'The request headers are too large',
  413: 'The request is too large',
  408: 'The request took too long to arrive',
  400: 'The request is not valid HTTP',
};

/**
 * Node answers requests its parser refuses (oversized headers, malformed HTTP) with a bare status
 * line and an empty body. This answers them in the `{ error: { code, message } }` shape instead,
 * then closes the connection, as Node's own handler does.
 */
export function answerClientErrorsWithErrorBody(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // As Node's own handler: no answer while a response on this connection has begun (it would corrupt it).
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, reason, code] = STATUS_BY_PARSER_CODE[error.code ?? ''] ?? [400, 'Bad Request', 'BAD_REQUEST'];
    const body = JSON.stringify({ error: { code, message: MESSAGES[status] } });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
