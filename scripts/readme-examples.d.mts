/** A README example: the README, the example file, the README's block and the file's text (absolute paths). */
export interface ReadmeExample {
  readme: string;
  file: string;
  block: string;
  source: string | undefined;
}
export function readmeExamples(): ReadmeExample[];
export function readmeExampleDrift(): string[];
