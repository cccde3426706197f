/** One document to analyse: its text, or its raw bytes (decoded by presslens: UTF-8, UTF-16, Windows-1252). */
export interface DocumentInput {
  /** File name or label; `.html`/`.htm` marks HTML, anything else is sniffed. */
  name: string;
  text?: string;
  bytes?: Uint8Array;
}

export interface AnalyzeOptions {
  /** Unit of every start/end: "utf16" (default in JS), "codepoint" or "byte". */
  offsets?: OffsetUnit;
  /** Clean the documents (default true); when false the body is the text itself. */
  clean?: boolean;
  /** Find entities and quotes (default true). */
  entities?: boolean;
  /** Include each document's decoded text as `source_text` (always present for HTML). */
  sourceText?: boolean;
}

export type OffsetUnit = "codepoint" | "utf16" | "byte";
export type Label = "PER" | "ORG" | "LOC" | "MISC" | "DATE" | "TIME" | "MONEY" | "PERCENT" | "QUANTITY";
export type Reason =
  | "metadata" | "paywall" | "price" | "navigation" | "share" | "caption"
  | "related" | "legal" | "advert" | "markup" | "prompt" | "outside" | "aside";

export interface Analysis {
  articles: Article[];
  story: Story;
  offsets: OffsetUnit;
  version: string;
}

export interface Article {
  file: string;
  /** Present when the document could not be analysed; the other fields are then empty. */
  error?: string;
  format: "text" | "html" | null;
  /** The text `removed` offsets index: the page's text for HTML, the input for text (with `sourceText`). */
  source_text?: string;
  meta: Meta;
  body: string;
  paragraphs: Span[];
  removed: Removed[];
  entities: Entity[];
  quotes: Quote[];
  notes: string[];
}

export interface Meta {
  title: string | null;
  source: string | null;
  byline: string | null;
  /** YYYY-MM-DD */
  date: string | null;
  dateline: string | null;
  url: string | null;
}

export interface Span {
  start: number;
  end: number;
}

export interface Removed {
  text: string;
  reason: Reason;
  why: string;
  start: number;
  end: number;
}

export interface Entity {
  name: string;
  type: Label;
  mentions: Mention[];
  /** DATE only: YYYY, YYYY-MM or YYYY-MM-DD when the text pins it down. */
  value?: string;
}

export interface Mention {
  text: string;
  start: number;
  end: number;
}

export interface Quote {
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  speaker_entity: number | null;
  cue: string | null;
}

export interface Story {
  entities: StoryEntity[];
  shared_quotes: SharedQuote[];
}

export interface StoryEntity {
  name: string;
  type: Label;
  articles: number[];
  mentions: number;
}

export interface SharedQuote {
  text: string;
  speaker: string | null;
  articles: number[];
}
