/**
 * The 12345 hotline (统一总客服) on Tongban: applicants' tickets (工单: 问题 a question, 投诉 a complaint) about their
 * applications, the agent's lookup of an application with a purpose (logged where the applicant sees it), the decision
 * explained in plain words from the rule metadata, answers, closing, the applicant's satisfaction, and the figures of
 * the agent dashboard (问题解决率, 回访满意度). An agent never sees material contents. Public API: {@link Tickets},
 * {@link Ticket}, {@link AgentLookup}, {@link Explanation}.
 */
package tongban.tickets;
