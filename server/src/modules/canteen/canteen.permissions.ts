import { grantToBuiltinRole, registerBuiltinRole, registerPermissions } from '../../kernel/auth/permissions';
import { addMessages } from '../../kernel/i18n/messages';

registerPermissions('canteen', [
  { code: 'canteen.use', nameZh: '食堂就餐(报餐、预订、充值)', nameEn: 'Use the canteen (book, pre-order, top up)' },
  { code: 'canteen.read', nameZh: '查看食堂统计与报表', nameEn: 'View canteen statistics and reports' },
  { code: 'canteen.manage', nameZh: '食堂设置(餐次、菜品、菜单、外卖)', nameEn: 'Set up canteens (meals, dishes, menus, takeaway)' },
  { code: 'canteen.kitchen', nameZh: '后厨(备餐单、核销、浪费登记、公务用餐)', nameEn: 'Kitchen (prep sheet, pickup, waste, reception meals)' },
  { code: 'canteen.cashier', nameZh: '食堂收银(现金充值)', nameEn: 'Canteen cashier (cash top-ups)' },
  { code: 'canteen.subsidy', nameZh: '发起伙食补贴发放', nameEn: 'Start meal subsidy batches' },
]);

/** 食堂管理员: the canteen's own staff, scoped to the organ that runs the canteen. */
registerBuiltinRole({
  code: 'canteen_staff', nameZh: '食堂管理员', nameEn: 'Canteen staff',
  description: 'Runs a staff canteen: menus, kitchen, pickup, waste, cashier, subsidies',
  permissions: ['canteen.use', 'canteen.read', 'canteen.manage', 'canteen.kitchen', 'canteen.cashier', 'canteen.subsidy', 'kernel.files.write', 'kernel.org.read'],
});
grantToBuiltinRole('employee', ['canteen.use']);
grantToBuiltinRole('organ_admin', ['canteen.use']);
grantToBuiltinRole('bureau_staff', ['canteen.use', 'canteen.read']);

addMessages('zh-CN', {
  canteen_not_eligible: '您所在单位的职工不能在该食堂就餐',
  canteen_meal_not_served: '该食堂不供应此餐次',
  canteen_closed_day: '{day} 食堂不营业({reason})',
  canteen_after_cutoff: '已过报餐截止时间({cutoff})',
  canteen_cancel_after_cutoff: '已过报停截止时间({cutoff}),不能取消',
  canteen_already_booked: '您已报过 {day} 的这一餐',
  canteen_absent: '{day} 您已登记出差或请假,不能报餐',
  canteen_sold_out: '{name} 库存不足,仅剩 {remaining} {unit}',
  canteen_order_closed: '{name} 已截止预订({cutoff})',
  canteen_slot_invalid: '取餐时段 {slot} 不可选',
  canteen_insufficient_balance: '餐卡余额不足,请先充值',
  canteen_amount_invalid: '金额必须是正整数(单位:分)',
  canteen_not_cancellable: '该订单已取餐或已取消',
  canteen_code_unknown: '取餐码无效,或不是本食堂今天的餐',
  canteen_code_used: '该取餐码已核销({at})',
  canteen_signature_invalid: '回调签名无效,已拒绝',
  canteen_callback_replayed: '重复的支付回调,已拒绝',
  canteen_payment_mismatch: '回调金额与订单不符,已拒绝',
  canteen_provider_disabled: '该支付渠道未启用',
  canteen_subsidy_exists: '{month} 的补贴已发起过',
  canteen_subsidy_empty: '没有可发放补贴的就餐人员',
  canteen_user_unknown: '找不到用户 {username}',
  canteen_menu_dish: '菜单中的菜品不属于该食堂',
  canteen_day_invalid: '日期范围无效',
  canteen_name_taken: '名称已存在',
  'notify.canteen.reception_exceeded.title': '公务用餐超标:{purpose}',
  'notify.canteen.reception_exceeded.body': '{day} {canteen}:人均 ¥{perPerson},超过标准 ¥{standard}',
});
addMessages('en', {
  canteen_not_eligible: 'Staff of your unit may not eat at this canteen',
  canteen_meal_not_served: 'This canteen does not serve this meal',
  canteen_closed_day: 'The canteen is closed on {day} ({reason})',
  canteen_after_cutoff: 'Booking closed at {cutoff}',
  canteen_cancel_after_cutoff: 'Cancellation closed at {cutoff}; the booking stays',
  canteen_already_booked: 'You have already booked this meal on {day}',
  canteen_absent: 'You are registered as away on {day}',
  canteen_sold_out: '{name}: only {remaining} {unit} left',
  canteen_order_closed: 'Pre-orders for {name} closed at {cutoff}',
  canteen_slot_invalid: 'Pickup slot {slot} is not offered',
  canteen_insufficient_balance: 'Not enough money on the meal account; please top up first',
  canteen_amount_invalid: 'The amount must be a positive whole number of fen',
  canteen_not_cancellable: 'This order was already picked up or cancelled',
  canteen_code_unknown: 'Unknown pickup code, or not a meal of this canteen today',
  canteen_code_used: 'This pickup code was already used ({at})',
  canteen_signature_invalid: 'Callback signature invalid: rejected',
  canteen_callback_replayed: 'Replayed payment callback: rejected',
  canteen_payment_mismatch: 'Callback amount does not match the payment: rejected',
  canteen_provider_disabled: 'This payment provider is not enabled',
  canteen_subsidy_exists: 'Subsidies for {month} were already started',
  canteen_subsidy_empty: 'No diners are due a subsidy',
  canteen_user_unknown: 'No user {username}',
  canteen_menu_dish: 'A dish on the menu does not belong to this canteen',
  canteen_day_invalid: 'Invalid date range',
  canteen_name_taken: 'This name is already used',
  'notify.canteen.reception_exceeded.title': 'Reception meal over the standard: {purpose}',
  'notify.canteen.reception_exceeded.body': '{day} {canteen}: ¥{perPerson} per person, above the standard of ¥{standard}',
});
