// Motorbike profile for Indonesian cities: no toll roads or motorways, gang (living_street) allowed, urban speeds.
import type { RoadProfile } from './road-profile.js';

/** Indonesian urban motorbike (ojol/ojek). Speeds are typical congested-city averages, km/h. */
export const motorbikeProfile: RoadProfile = {
  name: 'motorbike',
  speedKmh: {
    trunk: 40,
    trunk_link: 35,
    primary: 35,
    primary_link: 30,
    secondary: 30,
    secondary_link: 26,
    tertiary: 25,
    tertiary_link: 22,
    unclassified: 22,
    road: 20,
    residential: 20,
    service: 15,
    living_street: 12,
    track: 10,
    // Only with motorcycle=yes / motor_vehicle=yes (see explicitOnly):
    footway: 8,
    path: 10,
    pedestrian: 8,
  },
  explicitOnly: ['footway', 'path', 'pedestrian'],
  grantTags: ['motorcycle', 'motor_vehicle'],
  accessTags: ['motorcycle', 'motor_vehicle', 'vehicle', 'access'],
  deniedValues: ['no', 'private', 'agricultural', 'forestry', 'emergency', 'military'],
  allowedValues: ['yes', 'permissive', 'designated', 'destination', 'customers', 'delivery'],
  // Motorbikes are barred from Indonesian toll roads; motorway and motorway_link are absent from speedKmh.
  barredTags: [['toll', 'yes']],
  onewayTags: ['oneway:motorcycle', 'oneway'],
  impliedOnewayClasses: ['motorway'],
  // toll and motorway are barred already (excluding them changes nothing); gang: the narrow alleys of the kampung.
  roadClasses: [
    { name: 'toll', tag: ['toll', 'yes'] },
    { name: 'motorway', highway: ['motorway', 'motorway_link'] },
    { name: 'gang', highway: ['living_street', 'footway', 'path', 'pedestrian'] },
  ],
};
