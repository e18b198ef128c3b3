#!/usr/bin/env node
import 'reflect-metadata';
import { runCli } from './program';

void runCli(process.argv, (line) => process.stderr.write(`${line}\n`)).then((code) => {
  // On success the process ends when its handles close; a failure ends it now, with its code.
  if (code !== 0) process.exit(code);
});
