/** A loopback port nobody is listening on (the OS picks it; closed again before returning). */
import { createServer, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

/** A started test server: its origin and a close that also drops open keep-alive connections. */
export interface Listening {
	url: string;
	close(): Promise<void>;
}

/** Starts `server` on a free loopback port (the shared start/stop of every fake server here). */
export async function listenLoopback(server: Server): Promise<Listening> {
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((r) => {
				server.closeAllConnections();
				server.close(() => r());
			})
	};
}
