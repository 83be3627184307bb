import type { ChatMessage } from './language-model.js';

/**
 * The Llama-3 instruct chat template, which OpenBioLLM-8B (a Llama-3-8B fine-tune) was trained on.
 * TGI's raw `/invocations` route takes a plain prompt, so the template is applied here; the model
 * ends its turn with <|eot_id|>, which is passed as a stop sequence.
 */
export const LLAMA3_STOP = ['<|eot_id|>', '<|end_of_text|>'];

export function applyLlama3Template(messages: ChatMessage[]): string {
  let prompt = '<|begin_of_text|>';
  for (const message of messages) {
    prompt += `<|start_header_id|>${message.role}<|end_header_id|>\n\n${message.content.trim()}<|eot_id|>`;
  }
  return `${prompt}<|start_header_id|>assistant<|end_header_id|>\n\n`;
}
