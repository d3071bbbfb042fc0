/**
 * Builds the app once and serves the production build (src/cli/serve.js, the same server as
 * `npm start`, COOP/COEP included) on a free loopback port for all e2e specs.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../support/net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startFakeOpenAI } from '../support/fake-openai';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
		/** The fake provider key the server was started (and the app built) with. */
		llmKey: string;
	}
}

const root = path.resolve(import.meta.dirname, '../..');

async function waitForServer(url: string, proc: ChildProcess, timeoutMs = 30_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (proc.exitCode !== null) throw new Error(`server exited with code ${proc.exitCode}`);
		try {
			const res = await fetch(url);
			if (res.ok) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`server did not answer at ${url} within ${timeoutMs} ms`);
}

const LOCK = path.join(root, '.e2e.lock');

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * One e2e run at a time per checkout: runs share build/ and .svelte-kit/output, so a second run
 * waits here (a lock left by a dead process is taken over).
 */
async function acquireLock(): Promise<() => void> {
	for (;;) {
		try {
			mkdirSync(LOCK);
			writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
			return () => rmSync(LOCK, { recursive: true, force: true });
		} catch {
			let pid = 0;
			try {
				pid = Number(readFileSync(path.join(LOCK, 'pid'), 'utf8'));
			} catch {
				// being created right now
			}
			if (pid && !alive(pid)) rmSync(LOCK, { recursive: true, force: true });
			else await new Promise((r) => setTimeout(r, 1000));
		}
	}
}

export default async function setup(project: TestProject) {
	const release = await acquireLock();
	// The LLM proxy talks to a fake provider; the key is in the build's env too, so the
	// diagnosis spec's grep of build/client would catch a key baked into client code.
	const fake = await startFakeOpenAI({ delayMs: 5 });
	const llmKey = `gsk_e2e_fake_${process.pid}_${Date.now().toString(36)}`;
	// The capture spec's fake Prometheus listens on a loopback port of its own: admitting any
	// loopback port only adds origins to connect-src (nothing else fetches from them, and the
	// zero-egress spec checks that), and it must be in the build too (the page's meta policy).
	const env = {
		...process.env,
		GROQ_API_KEY: llmKey,
		LLM_BASE_URL: fake.baseURL('stream'),
		AITIA_CONNECT_SRC: 'http://127.0.0.1:*'
	};
	if (!process.env.E2E_SKIP_BUILD) {
		execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
			cwd: root,
			env,
			stdio: ['ignore', 'ignore', 'inherit']
		});
	}
	const port = await freePort();
	const proc = spawn(process.execPath, [path.join(root, 'src/cli/serve.js')], {
		cwd: root,
		env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const baseURL = `http://127.0.0.1:${port}`;
	await waitForServer(`${baseURL}/`, proc);
	project.provide('baseURL', baseURL);
	project.provide('llmKey', llmKey);
	return async () => {
		proc.kill('SIGTERM');
		await fake.close();
		release();
	};
}
