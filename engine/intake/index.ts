// Order intake from customers' own words: the Indonesian shopping-list parser, its catalogue index and its test-set scoring.
export { ShoppingListParser, parseShoppingList, type ParsedItem, type ParsedShoppingList } from './shopping-list.js';
export { indexCatalogue, type CatalogueEntry } from './catalogue-index.js';
export { unitInfo, type UnitInfo } from './lexicon.js';
export { readTestSet, scoreTestSet, type TestMessage, type TestSetScore, type ExpectedItem } from './test-set.js';
