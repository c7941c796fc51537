import type { Messages } from '../zh-CN';

export const canteen: Messages['canteen'] = {
  meal: { breakfast: 'Breakfast', lunch: 'Lunch', dinner: 'Dinner' },
  m: {
    title: 'Staff canteen', week: 'This week', takeaway: 'Takeaway', account: 'Account', today: 'Pickup code', history: 'History',
    login: 'Sign in', username: 'Username', password: 'Password', loginFailed: 'Sign-in failed', prevWeek: 'Previous week', nextWeek: 'Next week',
    book: 'Book', cancel: 'Cancel', booked: 'Booked', served: 'Served', closed: 'Closed', cutoffPassed: 'Closed for booking', bookBy: 'Book by {{time}}',
    confirmCancel: 'Cancel {{meal}} on {{day}}? The price goes back to your account.', done: 'Done', noMenu: 'Menu not yet published', allergens: 'Allergens',
    order: 'Order', remaining: '{{n}} {{unit}} left', soldOut: 'Sold out', slot: 'Pickup slot', quantity: 'Quantity', orderBy: 'Order by {{time}}',
    balance: 'Balance', topUp: 'Top up', topUpAmount: 'Amount (CNY)', pay: 'Pay', payTitle: 'Test bank payment', payConfirm: 'Pay ¥{{amount}}', paid: 'Top-up done',
    noCodes: 'Nothing to pick up today. After you book, your pickup code shows here.', showCode: 'Show this code at the counter', code: 'Pickup code',
    rate: 'Rate', stars: '{{n}} stars', thanks: 'Thank you for your rating', suggestion: 'Suggestions', suggestionHint: 'Tell the canteen what to improve', send: 'Send',
    absence: 'Trip / leave', absenceKind: { trip: 'Business trip', leave: 'Leave' }, from: 'From', to: 'To', absenceDone: '{{n}} bookings cancelled, {{k}} kept (past the cancellation cutoff)',
    bookings: 'Bookings', orders: 'Takeaway orders', ledger: 'Account statement', empty: 'Nothing yet', status: { booked: 'Booked', served: 'Served', cancelled: 'Cancelled', ordered: 'Ordered', picked_up: 'Picked up' },
    kind: { charge: 'Charge', refund: 'Refund', topup: 'Top-up', subsidy: 'Subsidy', adjust: 'Adjustment' }, noCanteen: 'No canteen serves your unit yet',
  },
  kitchen: {
    title: 'Kitchen', canteen: 'Canteen', day: 'Date', meal: 'Meal', print: 'Print', booked: 'Booked', served: 'Served', expected: 'Expected diners',
    portions: 'Portions to cook', noShowRate: 'No-show rate', walkIns: 'Expected walk-ins', surplusShare: 'Past cooking surplus', history: 'From the last {{n}} meals',
    dishes: 'Dishes', dish: 'Dish', category: 'Category', takeaway: 'Takeaway pre-orders', item: 'Item', ordered: 'Ordered', stock: 'Stock', bySlot: 'By slot',
    pickup: 'Pickup check', pickupHint: 'Scan or type the pickup code', verify: 'Verify', verified: '{{name}}: {{what}} verified',
    waste: 'Food waste', prepSurplusKg: 'Preparation surplus (kg)', unservedKg: 'Unserved (kg)', plateKg: 'Plate leftovers (kg)', walkInsActual: 'Walk-ins', save: 'Save', saved: 'Saved',
    noSheet: 'Choose a canteen', cat: { staple: 'Staple', main: 'Main', side: 'Side', soup: 'Soup', dessert: 'Dessert', drink: 'Drink' },
  },
  bureau: {
    title: 'Canteen statistics', period: 'Period', canteen: 'Canteen', unit: 'Unit', diners: 'Registered diners', booked: 'Booked meals', served: 'Meals served', noShowRate: 'No-show rate',
    wastePerMeal: 'Waste per meal (g)', stars: 'Average rating', revenue: 'Revenue', subsidy: 'Subsidies', export: 'Export quarterly food-saving report',
    chartServed: 'Booked vs served meals by canteen', chartWaste: 'Waste per meal by canteen (g, weekly)', empty: 'No canteens in your scope yet',
  },
};
