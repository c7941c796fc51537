/** 智慧食堂: phone pages (m.*) and the kitchen / bureau pages. */
export const canteen = {
  meal: { breakfast: '早餐', lunch: '午餐', dinner: '晚餐' },
  m: {
    title: '智慧食堂', week: '本周菜单', takeaway: '外卖预订', account: '餐卡', today: '取餐码', history: '记录',
    login: '登录', username: '用户名', password: '密码', loginFailed: '登录失败', prevWeek: '上一周', nextWeek: '下一周',
    book: '报餐', cancel: '报停', booked: '已报餐', served: '已就餐', closed: '不营业', cutoffPassed: '已截止', bookBy: '{{time}} 前可报',
    confirmCancel: '确定取消 {{day}} {{meal}}?费用将退回餐卡。', done: '已完成', noMenu: '菜单未发布', allergens: '过敏原',
    order: '预订', remaining: '剩 {{n}} {{unit}}', soldOut: '已售罄', slot: '取餐时段', quantity: '数量', orderBy: '{{time}} 截止',
    balance: '余额', topUp: '充值', topUpAmount: '充值金额(元)', pay: '去支付', payTitle: '测试银行支付', payConfirm: '确认支付 ¥{{amount}}', paid: '充值成功',
    noCodes: '今天没有要取的餐。报餐后,取餐码会显示在这里。', showCode: '请向食堂工作人员出示此码', code: '取餐码',
    rate: '评价', stars: '{{n}} 星', thanks: '谢谢您的评价', suggestion: '意见建议', suggestionHint: '说说您对食堂的建议', send: '提交',
    absence: '出差/请假', absenceKind: { trip: '出差', leave: '请假' }, from: '开始日期', to: '结束日期', absenceDone: '已取消 {{n}} 个报餐,{{k}} 个已过报停时间仍保留',
    bookings: '报餐记录', orders: '外卖记录', ledger: '餐卡流水', empty: '暂无记录', status: { booked: '已报餐', served: '已就餐', cancelled: '已取消', ordered: '已预订', picked_up: '已取餐' },
    kind: { charge: '消费', refund: '退款', topup: '充值', subsidy: '补贴', adjust: '调整' }, noCanteen: '您所在单位暂无可就餐的食堂',
  },
  kitchen: {
    title: '后厨备餐', canteen: '食堂', day: '日期', meal: '餐次', print: '打印', booked: '已报餐', served: '已就餐', expected: '预计就餐',
    portions: '建议备餐份数', noShowRate: '报餐未就餐率', walkIns: '预计临时就餐', surplusShare: '历史备餐剩余', history: '依据最近 {{n}} 餐',
    dishes: '菜品备餐', dish: '菜品', category: '类别', takeaway: '外卖预订', item: '品名', ordered: '已订', stock: '库存', bySlot: '按时段',
    pickup: '取餐核销', pickupHint: '扫码或输入取餐码', verify: '核销', verified: '{{name}}:{{what}} 核销成功',
    waste: '浪费登记', prepSurplusKg: '备餐剩余(kg)', unservedKg: '未售出(kg)', plateKg: '餐盘剩余(kg)', walkInsActual: '临时就餐人数', save: '保存', saved: '已保存',
    noSheet: '请选择食堂', cat: { staple: '主食', main: '主菜', side: '配菜', soup: '汤', dessert: '甜点', drink: '饮品' },
  },
  bureau: {
    title: '食堂统计', period: '统计期间', canteen: '食堂', unit: '主管单位', diners: '登记就餐人员', booked: '报餐人次', served: '就餐人次', noShowRate: '未就餐率',
    wastePerMeal: '人均浪费(g/餐)', stars: '平均评分', revenue: '营业收入', subsidy: '补贴发放', export: '导出季度节约粮食统计',
    chartServed: '各食堂报餐与实际就餐人次', chartWaste: '各食堂人均浪费趋势(g/餐,按周)', empty: '范围内还没有食堂',
  },
};
