/**
 * Parameter values of the AI video jobs whose shape comes from the SDK only (catalog §3): what a job echoes in
 * its parameter node. Where the SDK names a field but not its values, the values are modelled (UNVERIFIED).
 * Used by SplitVideoParts, DNA and SegmentVideoBody.
 */

/** SplitVideoParts.Mode (modelled): split at shot changes. */
export const SPLIT_VIDEO_MODES = ['SHOTDETECT'] as const;

/** DnaConfig.RuleType (modelled): look the video up in the DNA library, optionally adding it. */
export const DNA_RULE_TYPES = ['Search', 'SearchAndInsert'] as const;

/** SegmentVideoBody.Mode (SDK): a mask, the cut-out foreground, or the foreground over a new background. */
export const SEGMENT_MODES = ['Mask', 'Foreground', 'Combination'] as const;

/** SegmentVideoBody.SegmentType: portrait, green screen, or a solid colour background to remove. */
export const SEGMENT_TYPES = ['HumanSeg', 'GreenScreenSeg', 'SolidColorSeg'] as const;

/** Logos composited behind the foreground (SegmentVideoBody.BackgroundLogoUrl), relative to the bucket. */
export const BACKGROUND_LOGOS = ['assets/logo.png', 'assets/background.jpg', 'brand/studio-bg.png'] as const;

/** Folders AI video outputs are written to. */
export const AI_VIDEO_OUTPUT_FOLDERS = ['output/', 'output/segment/', 'ai/'] as const;
