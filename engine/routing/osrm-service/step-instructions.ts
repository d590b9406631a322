// Spoken-style instructions for turn-by-turn steps in Bahasa Indonesia and English ("Belok kiri ke Jl. Kramat Raya").

export type InstructionLanguage = 'id' | 'en';

/** What an instruction needs from a step (an OSRM step's maneuver and name). */
export interface InstructionStep {
  readonly type: string;
  readonly modifier?: string;
  readonly name: string;
  readonly bearingAfter?: number;
}

const STREET_PREFIX = /^(jl\.?|jalan|gg\.?|gang|lorong|tol)\s/i;

/** The street as said on a sign: "Jl. Kramat Raya" (names that already carry Jalan/Gang stay as they are). */
export function streetLabel(name: string, language: InstructionLanguage): string {
  const trimmed = name.trim();
  if (!trimmed) return language === 'id' ? 'jalan tanpa nama' : 'an unnamed road';
  return STREET_PREFIX.test(trimmed) ? trimmed : `Jl. ${trimmed}`;
}

const COMPASS_ID = ['utara', 'timur laut', 'timur', 'tenggara', 'selatan', 'barat daya', 'barat', 'barat laut'];
const COMPASS_EN = ['north', 'northeast', 'east', 'southeast', 'south', 'southwest', 'west', 'northwest'];

function compass(bearing: number, language: InstructionLanguage): string {
  const i = Math.round((((bearing % 360) + 360) % 360) / 45) % 8;
  return (language === 'id' ? COMPASS_ID : COMPASS_EN)[i];
}

const TURN_ID: Record<string, string> = {
  left: 'Belok kiri', right: 'Belok kanan', 'slight left': 'Serong kiri', 'slight right': 'Serong kanan',
  'sharp left': 'Belok tajam ke kiri', 'sharp right': 'Belok tajam ke kanan', uturn: 'Putar balik', straight: 'Lurus',
};
const TURN_EN: Record<string, string> = {
  left: 'Turn left', right: 'Turn right', 'slight left': 'Bear left', 'slight right': 'Bear right',
  'sharp left': 'Turn sharp left', 'sharp right': 'Turn sharp right', uturn: 'Make a U-turn', straight: 'Go straight',
};
const SIDE_ID: Record<string, string> = { left: 'di sebelah kiri', right: 'di sebelah kanan' };
const SIDE_EN: Record<string, string> = { left: 'on the left', right: 'on the right' };

/** The instruction for one step in `language`. */
export function stepInstruction(step: InstructionStep, language: InstructionLanguage): string {
  const street = streetLabel(step.name, language);
  const id = language === 'id';
  const modifier = step.modifier ?? 'straight';
  switch (step.type) {
    case 'depart':
      return id ? `Berangkat ke arah ${compass(step.bearingAfter ?? 0, 'id')} di ${street}` : `Head ${compass(step.bearingAfter ?? 0, 'en')} on ${street}`;
    case 'arrive': {
      const side = id ? SIDE_ID[modifier] : SIDE_EN[modifier];
      if (id) return side ? `Tiba di tujuan, ${side}` : 'Tiba di tujuan';
      return side ? `You have arrived at your destination, ${side}` : 'You have arrived at your destination';
    }
    case 'new name':
      return id ? `Lurus terus ke ${street}` : `Continue onto ${street}`;
    case 'continue':
      if (modifier === 'uturn') return id ? `Putar balik, tetap di ${street}` : `Make a U-turn to stay on ${street}`;
      return id ? `${TURN_ID[modifier] ?? 'Lanjut'}, tetap di ${street}` : `${TURN_EN[modifier] ?? 'Continue'} to stay on ${street}`;
    default: {
      if (modifier === 'uturn') return id ? `Putar balik ke ${street}` : `Make a U-turn onto ${street}`;
      return id ? `${TURN_ID[modifier] ?? 'Belok'} ke ${street}` : `${TURN_EN[modifier] ?? 'Turn'} onto ${street}`;
    }
  }
}
