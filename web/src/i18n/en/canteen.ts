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
  setup: {
    weekday: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' },
    save: 'Save', address: 'Address', portionGrams: 'Average food per meal (g)',
    title: 'Canteen set-up', newCanteen: 'New canteen', name: 'Name', unit: 'Run by', eligible: 'Units whose staff may eat', chargeMode: 'Charging', chargeModes: { booking: 'At booking', pickup: 'At pickup' },
    openWeekdays: 'Open days', dishes: 'Dishes', menus: 'Menus', takeaway: 'Takeaway', meals: 'Meals and prices', holidays: 'Closed days', cashier: 'Cashier and subsidies',
    newDish: 'New dish', dishName: 'Dish', category: 'Category', price: 'Price (CNY)', allergens: 'Allergens', kcal: 'Energy (kcal)', photo: 'Photo', uploadPhoto: 'Upload photo', active: 'On sale', stopSelling: 'Stop selling', confirmStop: 'Stop selling "{{name}}"? Menus already set keep it.',
    menuDay: 'Date', menuMeal: 'Meal', menuDishes: 'Dishes of the meal', saveMenu: 'Save menu', newItem: 'New takeaway item', itemName: 'Item', itemUnit: 'Unit', stock: 'Stock', remaining: 'Left', slots: 'Pickup slots (comma-separated)', orderCutoff: 'Orders close', day: 'Date',
    meal: 'Meal', startsAt: 'Starts', endsAt: 'Ends', bookDaysBefore: 'Book days before', bookCutoff: 'Booking closes', cancelDaysBefore: 'Cancel days before', cancelCutoff: 'Cancelling closes',
    categoryName: 'Diner category', breakfast: 'Breakfast (CNY)', lunch: 'Lunch (CNY)', dinner: 'Dinner (CNY)', subsidy: 'Monthly subsidy (CNY)', isDefault: 'Default', saveMeals: 'Save meals', saveCategories: 'Save prices',
    holidayName: 'Name', addHoliday: 'Add closed day', removeHoliday: 'Remove', confirmRemoveHoliday: 'Remove the closed day {{day}}?',
    cashTopUp: 'Cash top-up', username: 'Username', amount: 'Amount (CNY)', topUp: 'Top up', toppedUp: 'Topped up; balance {{balance}}',
    subsidyBatch: 'Meal subsidies', month: 'Month', startSubsidy: 'Start subsidies (needs approval)', subsidyStarted: 'Sent for approval: {{people}} people, {{total}} in all', status: { pending: 'Pending', approved: 'Paid out', rejected: 'Rejected' },
    statement: 'Export this month\'s statement', saved: 'Saved', empty: 'No canteen yet — click "New canteen" to start', noDishes: 'No dishes yet — click "New dish"', noItems: 'No takeaway items yet — click "New takeaway item"',
  },
  receptions: {
    title: 'Reception meals', add: 'Record a reception meal', day: 'Date', meal: 'Meal', purpose: 'Purpose', guests: 'Guests', hosts: 'Hosts', cost: 'Cost (CNY)', standard: 'Standard per person', limit: 'Standard in total',
    exceeded: 'Over standard', within: 'Within standard', empty: 'No reception meals in this period', alert: 'Over standard: cost {{cost}} above the standard of {{limit}}; managers notified',
  },
};
