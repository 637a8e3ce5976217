// `npm start`: the whole system locally. Replaced piece by piece as the worker and pane land.
console.log('Duesbook: nothing to start yet.');
