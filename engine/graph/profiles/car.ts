// Car profile, for comparison with the motorbike: motorways and toll roads allowed, gang crawl, footways never.
import type { RoadProfile } from './road-profile.js';

/** Private car in Indonesian city traffic. Speeds are typical congested-city averages, km/h. */
export const carProfile: RoadProfile = {
  name: 'car',
  speedKmh: {
    motorway: 60,
    motorway_link: 40,
    trunk: 35,
    trunk_link: 30,
    primary: 30,
    primary_link: 25,
    secondary: 25,
    secondary_link: 22,
    tertiary: 20,
    tertiary_link: 18,
    unclassified: 18,
    road: 15,
    residential: 15,
    service: 10,
    living_street: 6,
    track: 8,
  },
  explicitOnly: [],
  grantTags: [],
  accessTags: ['motorcar', 'motor_vehicle', 'vehicle', 'access'],
  deniedValues: ['no', 'private', 'agricultural', 'forestry', 'emergency', 'military'],
  allowedValues: ['yes', 'permissive', 'designated', 'destination', 'customers', 'delivery'],
  barredTags: [],
  onewayTags: ['oneway:motorcar', 'oneway'],
  impliedOnewayClasses: ['motorway'],
  roadClasses: [
    { name: 'toll', tag: ['toll', 'yes'] },
    { name: 'motorway', highway: ['motorway', 'motorway_link'] },
    { name: 'gang', highway: ['living_street'] },
  ],
};
