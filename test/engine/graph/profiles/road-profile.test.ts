// Profile interpreter: access precedence, oneway handling, barred and explicit-only classes for motorbike and car.
import { describe, expect, it } from 'vitest';
import { carProfile, getProfile, motorbikeProfile, wayRule } from '../../../../engine/graph/profiles/index.js';
import { EngineError } from '../../../../engine/errors.js';

const bike = (tags: Record<string, string>) => wayRule(tags, motorbikeProfile);
const car = (tags: Record<string, string>) => wayRule(tags, carProfile);

describe('motorbike profile', () => {
  it('bars motorways, motorway links and toll roads', () => {
    expect(bike({ highway: 'motorway' })).toBeNull();
    expect(bike({ highway: 'motorway_link' })).toBeNull();
    expect(bike({ highway: 'primary', toll: 'yes' })).toBeNull();
    expect(bike({ highway: 'primary', toll: 'no' })).not.toBeNull();
  });

  it('allows residential, service, gang, unclassified and track with their class speeds', () => {
    expect(bike({ highway: 'primary' })?.speedKmh).toBe(35);
    expect(bike({ highway: 'residential' })?.speedKmh).toBe(20);
    expect(bike({ highway: 'living_street' })?.speedKmh).toBe(12);
    for (const highway of ['service', 'unclassified', 'track']) expect(bike({ highway })).not.toBeNull();
    expect(bike({ highway: 'primary_link' })!.speedKmh).toBeLessThan(bike({ highway: 'primary' })!.speedKmh);
  });

  it('allows footway, path and pedestrian only with motorcycle=yes or motor_vehicle=yes', () => {
    for (const highway of ['footway', 'path', 'pedestrian']) {
      expect(bike({ highway })).toBeNull();
      expect(bike({ highway, access: 'yes' })).toBeNull();
      expect(bike({ highway, motorcycle: 'yes' })).not.toBeNull();
      expect(bike({ highway, motor_vehicle: 'yes' })).not.toBeNull();
      expect(bike({ highway, motor_vehicle: 'yes', motorcycle: 'no' })).toBeNull();
    }
  });

  it('lets the most specific access tag win', () => {
    expect(bike({ highway: 'service', access: 'private' })).toBeNull();
    expect(bike({ highway: 'service', access: 'no', motorcycle: 'yes' })).not.toBeNull();
    expect(bike({ highway: 'service', access: 'yes', motor_vehicle: 'no' })).toBeNull();
    expect(bike({ highway: 'service', motor_vehicle: 'no', motorcycle: 'destination' })).not.toBeNull();
  });

  it('reads oneway yes/true/1, -1 and no, with oneway:motorcycle overriding', () => {
    for (const oneway of ['yes', 'true', '1']) expect(bike({ highway: 'tertiary', oneway })).toMatchObject({ forward: true, backward: false });
    expect(bike({ highway: 'tertiary', oneway: '-1' })).toMatchObject({ forward: false, backward: true });
    expect(bike({ highway: 'tertiary', oneway: 'no' })).toMatchObject({ forward: true, backward: true });
    expect(bike({ highway: 'tertiary', oneway: 'yes', 'oneway:motorcycle': 'no' })).toMatchObject({ forward: true, backward: true });
    expect(car({ highway: 'tertiary', oneway: 'yes', 'oneway:motorcycle': 'no' })).toMatchObject({ forward: true, backward: false });
    expect(bike({ highway: 'tertiary', junction: 'roundabout' })).toMatchObject({ forward: true, backward: false });
    expect(bike({ highway: 'tertiary', oneway: 'reversible' })).toBeNull();
  });

  it('caps the class speed at a numeric maxspeed', () => {
    expect(bike({ highway: 'primary', maxspeed: '20' })?.speedKmh).toBe(20);
    expect(bike({ highway: 'primary', maxspeed: '80' })?.speedKmh).toBe(35);
    expect(bike({ highway: 'primary', maxspeed: 'signals' })?.speedKmh).toBe(35);
  });
});

describe('car profile', () => {
  it('allows motorways and toll roads, never footways, and crawls in gang', () => {
    expect(car({ highway: 'motorway', toll: 'yes' })).toMatchObject({ forward: true, backward: false });
    expect(car({ highway: 'footway', motorcycle: 'yes' })).toBeNull();
    expect(car({ highway: 'footway', motor_vehicle: 'yes' })).toBeNull();
    expect(car({ highway: 'living_street' })!.speedKmh).toBeLessThan(bike({ highway: 'living_street' })!.speedKmh);
  });
});

describe('getProfile', () => {
  it('finds shipped profiles and names unknown ones', () => {
    expect(getProfile('car')).toBe(carProfile);
    expect(() => getProfile('bicycle')).toThrowError(expect.objectContaining({ code: 'unknown_profile', field: 'profile' }));
    expect(() => getProfile('toString')).toThrow(EngineError);
  });
});
