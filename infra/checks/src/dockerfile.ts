import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';

export interface Instruction {
  keyword: string;
  /** The arguments as written (JSON text for exec form). */
  text: string;
  /** The argv for exec form (a JSON array of strings), undefined for shell form. */
  execForm: string[] | undefined;
  /** 0-based index of the build stage (FROM) it belongs to. */
  stage: number;
}

/** The instructions of a Dockerfile, with exec-form arguments decoded. */
export function readDockerfile(path: string): Instruction[] {
  const dockerfile = DockerfileParser.parse(readFileSync(path, 'utf8'));
  let stage = -1;
  return dockerfile.getInstructions().map((instruction) => {
    const keyword = instruction.getKeyword().toUpperCase();
    if (keyword === 'FROM') stage += 1;
    const range = instruction.getArgumentsRange();
    const text = range ? argumentText(instruction.getTextContent(), keyword) : '';
    return { keyword, text, execForm: execForm(text), stage };
  });
}

function argumentText(full: string, keyword: string): string {
  // Continuation lines joined; the keyword dropped.
  const joined = full.replace(/\\\r?\n/g, ' ');
  return joined.slice(joined.toUpperCase().indexOf(keyword) + keyword.length).trim();
}

/** Decodes `["a", "b"]`; anything else is shell form (undefined). */
export function execForm(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) {
      return value;
    }
  } catch {
    // Not valid JSON: Docker runs it in a shell.
  }
  return undefined;
}

/** The instructions of the last stage (the image that ships). */
export function finalStage(instructions: readonly Instruction[]): Instruction[] {
  const last = Math.max(...instructions.map((i) => i.stage));
  return instructions.filter((i) => i.stage === last);
}
