/**
 * Child process of the server bench: bare Fastify (no logger, no plugins, no hooks) answering
 * each route with a fixed JSON string of the same bytes the real app sent for it. The ceiling the
 * app is compared against, started in the same run on the same machine.
 */
import Fastify from 'fastify';

async function main(bodies: Record<string, string>): Promise<void> {
  const app = Fastify({ logger: false });
  for (const [route, body] of Object.entries(bodies)) {
    app.get(route, (_request, reply) => {
      reply.header('content-type', 'application/json; charset=utf-8').send(body);
    });
  }
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.on('message', (message) => {
    if (message === 'stop') app.close().finally(() => process.exit(0));
  });
  process.send?.({ url });
}

process.once('message', (message: { bodies?: Record<string, string> }) => {
  main(message.bodies ?? {}).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
