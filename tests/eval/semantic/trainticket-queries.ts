/**
 * Natural-language queries over the TrainTicket logs (Nezha), written before any ranking of these
 * logs was run. Relevant templates are labelled from the ground truth: a mined template is relevant
 * when most of its lines were written by one of the listed log statements (`class#line`, the
 * statement that every TrainTicket line names). The statement lists were fixed with the queries.
 */
export interface StatementQuery {
	query: string;
	/** Log statements whose lines answer the query. */
	statements: string[];
}

export const TRAINTICKET_QUERIES: StatementQuery[] = [
	{ query: 'order not found', statements: ['o.s.OrderServiceImpl#361'] },
	{
		query: 'ticket could not be executed or collected because the order status is wrong',
		statements: [
			'e.s.ExecuteServiceImpl#69',
			'e.s.ExecuteServiceImpl#51',
			'e.s.ExecuteServiceImpl#99'
		]
	},
	{
		query: 'food request failed',
		statements: ['f.s.FoodServiceImpl#302', 'f.s.FoodServiceImpl#245']
	},
	{
		query: 'no service instance available to handle the request',
		statements: ['o.a.c.c.C.[.[.[.[dispatcherServlet]#175']
	},
	{ query: 'payment refused for this order', statements: ['i.s.InsidePaymentServiceImpl#71'] },
	{
		query: 'no seats left on the train',
		statements: [
			'o.s.OrderOtherServiceImpl#72',
			'o.s.OrderServiceImpl#68',
			's.s.SeatServiceImpl#166'
		]
	},
	{
		query: 'user logged in',
		statements: [
			'a.c.UserController#43',
			'a.s.UserDetailsServiceImpl#28',
			'a.s.i.TokenServiceImpl#95',
			'c.c.ContactsController#84',
			'p.s.PreserveOtherServiceImpl#48'
		]
	},
	{
		query: 'verification code check failed',
		statements: ['v.s.i.VerifyCodeServiceImpl#129', 'v.c.VerifyCodeController#54']
	},
	{
		query: 'refund money for a cancelled order',
		statements: [
			'c.s.CancelServiceImpl#66',
			'c.s.CancelServiceImpl#279',
			'c.s.CancelServiceImpl#232',
			'c.s.CancelServiceImpl#123',
			'i.c.InsidePaymentController#64'
		]
	},
	{
		query: 'create a new order',
		statements: [
			'o.s.OrderServiceImpl#96',
			'o.s.OrderServiceImpl#88',
			'o.c.OrderController#46',
			'o.s.OrderOtherServiceImpl#100',
			'o.s.OrderOtherServiceImpl#92',
			'o.c.OrderOtherController#49',
			'p.s.PreserveServiceImpl#392'
		]
	},
	{ query: 'contact lookup failed', statements: ['c.s.ContactsServiceImpl#37'] },
	{ query: 'error while fetching routes', statements: ['f.m.s.BasicServiceImpl#415'] },
	{ query: 'exception when calculating the price', statements: ['f.m.s.BasicServiceImpl#111'] },
	{
		query: 'food delivery message sent through the message queue',
		statements: [
			'f.mq.RabbitSend#20',
			'f.s.FoodServiceImpl#143',
			'd.m.RabbitReceive#44',
			'd.m.RabbitReceive#52',
			'd.m.RabbitReceive#37'
		]
	},
	{
		query: 'buy travel insurance',
		statements: [
			'p.s.PreserveServiceImpl#185',
			'p.s.PreserveServiceImpl#317',
			'p.s.PreserveOtherServiceImpl#188',
			'p.s.PreserveOtherServiceImpl#318',
			'a.s.AssuranceServiceImpl#65',
			'a.c.AssuranceController#75'
		]
	},
	{
		query: 'security check of the account',
		statements: [
			's.c.SecurityController#62',
			's.s.SecurityServiceImpl#119',
			's.s.SecurityServiceImpl#156',
			's.s.SecurityServiceImpl#141',
			'p.s.PreserveServiceImpl#57',
			'p.s.PreserveServiceImpl#346',
			'p.s.PreserveOtherServiceImpl#58',
			'p.s.PreserveOtherServiceImpl#348'
		]
	},
	{
		query: 'cancel an order',
		statements: [
			'c.s.CancelServiceImpl#61',
			'c.s.CancelServiceImpl#118',
			'c.s.CancelServiceImpl#50',
			'c.s.CancelServiceImpl#106',
			'c.s.CancelServiceImpl#112',
			'c.s.CancelServiceImpl#239',
			'c.s.CancelServiceImpl#264',
			'c.c.CancelController#44',
			'c.c.CancelController#46'
		]
	},
	{
		query: 'assign a seat number to a ticket',
		statements: ['s.s.SeatServiceImpl#114', 's.c.SeatController#41']
	},
	{
		query: 'too many metric tags',
		statements: ['o.s.b.a.a.m.OnlyOnceLoggingDenyMeterFilter#53']
	},
	{
		query: 'how many tickets are left',
		statements: [
			't.s.TravelServiceImpl#469',
			't.s.TravelServiceImpl#558',
			's.s.SeatServiceImpl#151',
			's.s.SeatServiceImpl#166',
			's.c.SeatController#57'
		]
	}
];
