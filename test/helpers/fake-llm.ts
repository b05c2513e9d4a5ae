// An OpenAI-compatible chat-completions server on 127.0.0.1, standing in for whatever model
// a deployment points LLM_BASE_URL at. It records each request and answers as told:
// a completion, an error status, or nothing at all (to test the timeout).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LlmBehaviour = { reply: string } | { status: number } | { hang: true };

export class FakeLlm {
  readonly requests: { path: string; authorization: string | undefined; body: { model: string; messages: { role: string; content: string }[] } }[] = [];
  behaviour: LlmBehaviour = { reply: 'En sammanfattning.' };
  private server: Server | undefined;
  private readonly hanging: ServerResponse[] = [];

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    this.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw) });
    const behaviour = this.behaviour;
    if ('hang' in behaviour) return void this.hanging.push(res);
    if ('status' in behaviour) return void res.writeHead(behaviour.status, { 'content-type': 'application/json' }).end('{"error":{"message":"overloaded"}}');
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: behaviour.reply }, finish_reason: 'stop' }] }));
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
