/**
 * Layouts for VideoSynthesis (several videos in one frame): each picture's place as fractions of the output frame,
 * [x, y, width, height]. The first picture is the job's input.
 */
export interface SpliceLayout {
  name: string;
  pictures: readonly (readonly [x: number, y: number, width: number, height: number])[];
}

export const SPLICE_LAYOUTS: readonly SpliceLayout[] = [
  { name: 'framed', pictures: [[0.1, 0.1, 0.8, 0.8]] },
  {
    name: 'side-by-side',
    pictures: [
      [0, 0, 0.5, 1],
      [0.5, 0, 0.5, 1],
    ],
  },
  {
    name: 'top-bottom',
    pictures: [
      [0, 0, 1, 0.5],
      [0, 0.5, 1, 0.5],
    ],
  },
  {
    name: 'picture-in-picture',
    pictures: [
      [0, 0, 1, 1],
      [0.7, 0.7, 0.25, 0.25],
    ],
  },
  {
    name: 'one-and-two',
    pictures: [
      [0, 0, 0.5, 1],
      [0.5, 0, 0.5, 0.5],
      [0.5, 0.5, 0.5, 0.5],
    ],
  },
  {
    name: 'grid',
    pictures: [
      [0, 0, 0.5, 0.5],
      [0.5, 0, 0.5, 0.5],
      [0, 0.5, 0.5, 0.5],
      [0.5, 0.5, 0.5, 0.5],
    ],
  },
];

/** Output frames of a synthesis: landscape and portrait. */
export const SYNTHESIS_FRAMES: readonly (readonly [number, number])[] = [
  [1920, 1080],
  [1280, 720],
  [1080, 1920],
  [720, 1280],
];
