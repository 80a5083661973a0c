package demo

import "pilcrow/app/model"

// person is a made-up respondent.
type person struct{ name, email string }

var people = []person{
	{"Siân Ŵyn", "sian.wyn@example.org"},
	{"Tom Okafor", "tom.okafor@example.org"},
	{"Margaret Ellis", "m.ellis@example.org"},
	{"Priya Raman", "priya.r@example.org"},
	{"Dafydd ap Gruffudd", "dafydd@example.org"},
	{"Aisha Begum", "aisha.begum@example.org"},
	{"Greg Hollis", "greg.hollis@example.org"},
	{"Riverside Residents' Association", "secretary@riverside-ra.example.org"},
	{"Joanne Carter", "jo.carter@example.org"},
	{"Chris Nowak", "chris.nowak@example.org"},
}

// line is one scripted comment: who wrote it, on which block (its paragraph
// number in the demo document, 0 for the whole document), and whether it
// answers an earlier line (its index, or -1).
type line struct {
	who, block, reply int
	org               string
	publish           model.Publish
	stance            string
	pending           bool
	lang              string // "cy" for a comment written in Welsh; "" is English
	body              string
}

const (
	named = model.PublishName
	anon  = model.PublishAnonymous
	no    = model.PublishNo
)

var script = []line{
	{who: 0, block: 1, reply: -1, publish: named, stance: "agree", body: "I am very glad to see this. I cycle to work in the town centre and the last half mile is the most frightening part of the journey."},
	{who: 1, block: 1, reply: 0, publish: named, stance: "agree", body: "Same here. The roundabout by the station is the worst bit."},
	{who: 2, block: 4, reply: -1, publish: named, stance: "neutral", body: "Where does the figure of a third come from? I would like to see the survey data behind it."},
	{who: 3, block: 4, reply: 2, publish: anon, body: "It is in the 2025 travel survey report, table 3, which is on the council website."},
	{who: 4, block: 5, reply: -1, publish: named, stance: "agree", body: "Net zero by 2040 is not credible without exactly this kind of plan. Please build it faster."},
	{who: 6, block: 5, reply: -1, publish: named, stance: "disagree", body: "Cars are not going away. Most of my journeys are with tools and materials and I cannot do them by bike."},
	{who: 9, block: 5, reply: 5, publish: named, body: "Nobody is asking you to. Every short trip moved to a bike makes more room on the road for journeys like yours."},
	{who: 5, block: 8, reply: -1, publish: named, stance: "agree", body: "My daughter has asthma. Cleaner air near the primary school would make a real difference to her."},
	{who: 7, block: 11, reply: -1, org: "Riverside Residents' Association", publish: named, stance: "agree", body: "Our members strongly support this. Many parents on the estate tell us exactly the same thing about the ring road."},
	{who: 8, block: 14, reply: -1, publish: anon, stance: "agree", body: "The gap at the Eastgate junction forces me onto the dual carriageway. It is terrifying."},
	{who: 1, block: 16, reply: -1, publish: named, stance: "neutral", body: "Electric bikes make hills and distance much less of an issue. Could the council run a loan scheme so people can try one?"},
	{who: 3, block: 16, reply: 10, publish: named, stance: "agree", body: "A loan scheme would be brilliant. Other councils have done this successfully."},
	{who: 2, block: 18, reply: -1, publish: named, stance: "neutral", body: "Twelve routes sounds a lot. Will the council be able to maintain them once they are built?"},
	{who: 4, block: 21, reply: -1, publish: named, stance: "disagree", body: "Route C4 to Millbrook should be high priority. The village has no bus after 7pm and the road has no pavement for a mile."},
	{who: 0, block: 21, reply: 13, publish: named, stance: "agree", body: "Cytuno'n llwyr. I walk that road with my children and it is dangerous. C4 should be high priority."},
	{who: 7, block: 21, reply: 13, org: "Riverside Residents' Association", publish: named, body: "We would support raising C4, as long as C2 to the hospital keeps its high priority."},
	{who: 6, block: 23, reply: -1, publish: named, stance: "disagree", body: "Physically separated tracks will take away parking that shops on the high street depend on.", pending: true},
	{who: 9, block: 24, reply: -1, publish: named, stance: "agree", body: "Please make sure the filters on residential streets still let buses and taxis through."},
	{who: 5, block: 27, reply: -1, publish: anon, stance: "agree", body: "The pavement on Station Road is so narrow that I have to step into the road with a buggy."},
	{who: 2, block: 33, reply: -1, publish: named, stance: "agree", body: "Dropped kerbs at every junction, yes please. As a wheelchair user I often have to go a long way round."},
	{who: 8, block: 34, reply: -1, publish: named, stance: "agree", body: "Benches matter more than people think. My mother cannot walk to the shops because there is nowhere to rest."},
	{who: 1, block: 35, reply: -1, publish: no, stance: "neutral", body: "I worry continuous footways confuse drivers turning in. I would like this used only in analysis, not published."},
	{who: 3, block: 36, reply: -1, publish: named, stance: "agree", body: "The school street at Oakfield Primary has transformed the school run. Twenty schools by 2030 is a great target."},
	{who: 6, block: 36, reply: 22, publish: named, stance: "disagree", body: "It just moves the traffic onto the next street, which is where I live."},
	{who: 0, block: 39, reply: -1, publish: named, stance: "agree", body: "Cycle hangars would let me own a bike at all. I live in a flat with no storage."},
	{who: 4, block: 41, reply: -1, publish: named, stance: "agree", body: "Good to see deprivation given extra weight. The routes should start where car ownership is lowest."},
	{who: 5, block: 42, reply: -1, publish: anon, stance: "agree", body: "Please do not build any more shared pavements. They are stressful for blind and partially sighted people."},
	{who: 9, block: 45, reply: -1, publish: named, stance: "neutral", body: "£48 million over ten years is less than the cost of one road junction scheme. It seems good value.", pending: true},
	{who: 2, block: 47, reply: -1, publish: named, stance: "agree", body: "Publishing the counts every year is excellent. Please publish them as open data too."},
	{who: 7, block: 0, reply: -1, org: "Riverside Residents' Association", publish: named, stance: "agree", body: "Overall we welcome the plan. Our main concern is the time it will take: ten years is a long time for families waiting for a safe route to school."},
	{who: 8, block: 0, reply: -1, publish: anon, stance: "agree", body: "A clear, readable plan. Thank you for publishing it in a way that is easy to comment on."},
	{who: 6, block: 0, reply: -1, publish: no, stance: "disagree", body: "I do not think this is a priority when the roads are full of potholes."},
	{who: 4, block: 1, reply: -1, publish: named, stance: "agree", lang: "cy", body: "Rwy’n croesawu’r cynllun. Mae angen llwybrau diogel i’r ysgol ym mhob pentref, nid yn y dref yn unig."},
	{who: 0, block: 0, reply: -1, publish: named, stance: "agree", lang: "cy", body: "Diolch am gyhoeddi’r cynllun yn Gymraeg hefyd. Bydd yn haws i lawer o bobl ymateb."},
}
