/**
 * What CI's video target recognition (VideoTargetRec) reports per category: the documented sample names a body
 * "person"; pet and car names are modelled the same way. Used by VideoTargetRec.
 */
export const TARGET_CATEGORIES = [
  { switch: 'Body', result: 'BodyRecognition', info: 'BodyInfo', names: ['person'] },
  { switch: 'Pet', result: 'PetRecognition', info: 'PetInfo', names: ['cat', 'dog'] },
  { switch: 'Car', result: 'CarRecognition', info: 'CarInfo', names: ['car', 'bus', 'truck'] },
] as const;
