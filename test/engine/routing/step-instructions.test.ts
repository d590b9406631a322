// Step instructions in Bahasa Indonesia and English: every maneuver type and modifier, street labels.
import { describe, expect, it } from 'vitest';
import { stepInstruction, streetLabel } from '../../../engine/routing/osrm-service/step-instructions.js';

describe('step instructions', () => {
  it('reads like a rider would say it, in both languages', () => {
    expect(stepInstruction({ type: 'turn', modifier: 'left', name: 'Kramat Raya' }, 'id')).toBe('Belok kiri ke Jl. Kramat Raya');
    expect(stepInstruction({ type: 'turn', modifier: 'left', name: 'Kramat Raya' }, 'en')).toBe('Turn left onto Jl. Kramat Raya');
    expect(stepInstruction({ type: 'turn', modifier: 'sharp right', name: 'Gunung Sahari' }, 'id')).toBe('Belok tajam ke kanan ke Jl. Gunung Sahari');
    expect(stepInstruction({ type: 'turn', modifier: 'slight left', name: 'Gang Mawar' }, 'id')).toBe('Serong kiri ke Gang Mawar');
    expect(stepInstruction({ type: 'new name', modifier: 'straight', name: 'Dr. Sutomo' }, 'en')).toBe('Continue onto Jl. Dr. Sutomo');
    expect(stepInstruction({ type: 'continue', modifier: 'right', name: 'Ir H Juanda' }, 'id')).toBe('Belok kanan, tetap di Jl. Ir H Juanda');
    expect(stepInstruction({ type: 'turn', modifier: 'uturn', name: '' }, 'id')).toBe('Putar balik ke jalan tanpa nama');
    expect(stepInstruction({ type: 'depart', name: 'Kesehatan', bearingAfter: 347 }, 'id')).toBe('Berangkat ke arah utara di Jl. Kesehatan');
    expect(stepInstruction({ type: 'depart', name: 'Kesehatan', bearingAfter: 90 }, 'en')).toBe('Head east on Jl. Kesehatan');
    expect(stepInstruction({ type: 'arrive', modifier: 'left', name: 'Bunggur Besar' }, 'id')).toBe('Tiba di tujuan, di sebelah kiri');
    expect(stepInstruction({ type: 'arrive', name: 'Bunggur Besar' }, 'en')).toBe('You have arrived at your destination');
  });

  it('labels streets with Jl. unless they already say Jalan, Jl., Gang or Gg.', () => {
    expect(streetLabel('Jalan Daan Mogot', 'id')).toBe('Jalan Daan Mogot');
    expect(streetLabel('Jl. Senen Raya', 'id')).toBe('Jl. Senen Raya');
    expect(streetLabel('Gg. Kelinci', 'en')).toBe('Gg. Kelinci');
    expect(streetLabel('  ', 'en')).toBe('an unnamed road');
  });
});
