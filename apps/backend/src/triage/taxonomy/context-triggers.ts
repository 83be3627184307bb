/**
 * ConText-style triggers (Harkema et al. 2009, after NegEx, Chapman et al. 2001) adapted to patients' chat:
 * whether a finding is negated, told as history, asked about in general, or happening now. Phrases use the
 * matcher's notation (phrase-matcher.ts). Scopes are applied in context.ts.
 */
export type ContextKind =
  | 'negation' // before the finding, same clause, up to a comma or a termination word
  | 'pseudo_negation' // looks like a negation but is not: "no longer able to", "cannot stop"
  | 'termination' // ends a negation's scope: "but", "except"
  | 'historical' // a past event told as history
  | 'chronic' // long-standing and unchanged
  | 'recent' // happening now or in the last hours/days: overrides historical and chronic
  | 'hypothetical' // a general or "what if" question, safety-net advice
  | 'question_general' // a general question anywhere in the clause: "when should I see a doctor"
  | 'worry'; // the patient fears it: "I am scared it is a stroke" (uncertain: asked about, never ignored)

export const CONTEXT_TRIGGERS: Record<ContextKind, string[]> = {
  negation: [
    'no', 'not', 'never', 'without', 'denies', 'deny', 'denied', 'none', 'neither', 'nor', 'free of', 'absence of', 'ruled out',
    'negative for', 'no sign of', 'no signs of', 'nothing like', 'not any', 'nope', 'had no', 'has no', 'have no', 'did not have',
    'there is no', 'there was no', 'not having', 'not had', 'no more', 'not got', 'not experiencing', 'nothing', 'nobody', 'no one', 'noone', 'none of us', 'neither of us',
  ],
  pseudo_negation: [
    'no longer', 'not only', 'cannot stop', 'will not stop', 'would not stop', 'does not stop', 'did not stop', 'not stopping',
    'no better', 'not better', 'not getting better', 'not improving', 'not going away', 'not go away', 'not helping', 'not sure',
    'no idea', 'not know', 'no way', 'not even', 'not able', 'not responding', 'not waking', 'not wake', 'not breathing',
    'not stop', 'no response', 'not making sense', 'not kicked', 'not peed',
    'not weed', 'not eaten', 'not eating', 'not drinking', 'not feeding', 'not sleeping', 'no wet', 'not wet', 'no pulse', 'not normal', 'not right',
    'not himself', 'not herself', 'not themselves', 'not myself', 'no energy', 'no reason to live', 'not want to live',
    'not want to be', 'not see the point', 'no point', 'no feeling', 'not worth', 'no tears', 'not fade', 'not go', 'not disappear', 'no way out',
    'done|did|doing|does|helped|helps|made *0 nothing', 'nothing * helps|helping|helped|works|working|worked|touches|touching',
  ],
  termination: ['but', 'however', 'although', 'though', 'except', 'apart from', 'yet', 'now', 'today', 'suddenly', 'then', 'and now', 'whereas', 'still'],
  historical: [
    'years ago', 'year ago', 'months ago', 'month ago', 'decade ago', 'as a child', 'as a kid', 'as a teenager', 'when i was young', 'when i|he|she|they|we *0 was|were *0 #', 'once when',
    'when i was little', 'when i was a', 'when i was in', 'history of', 'hx of', 'in the past', 'long time ago', 'last year',
    'back in', 'used to', 'previously', 'previous', 'prior', 'once had', 'had one before', 'family history',
    'runs in the family', 'runs in my family', 'died of', 'died from', 'passed away', 'recovered from', 'years back', 'childhood',
    'at school', 'at university', 'in my twenties|teens|thirties|forties|fifties', 'in my|his|her #', '=sectioned', 'went into hospital', 'home from hospital', 'in rehab', 'healed', 'have healed', 'last month', 'a month ago', 'treated for', 'was|were|got admitted', 'spent * in hospital', 'discharged', 'recovered', 'survivor', 'got over', 'all cleared', 'was cleared',
    'was told it was', 'turned out to be', 'follow up', 'check up after',
  ],
  chronic: [
    'for years', 'for months', 'for ages', 'for a few months|years|weeks', 'for a couple of months|years', 'for # months|years', 'for a long time', 'since i was', 'always had', 'always get', 'always been', 'long term',
    'long-term', 'long standing', 'longstanding', 'my usual', 'as usual', 'usual for me', 'normal for me', 'same as always',
    'well controlled', 'under control', 'controlled with|by|on', 'well managed', 'stable', 'every month', 'every day for', 'on and off for', 'years now',
    'chronic', 'known', 'as always', 'like always', 'no change', 'nothing new', 'now and then', 'the odd', 'all winter', 'every winter', 'all year', 'diagnosed with', 'my regular', 'routine', 'repeat prescription', 'same as before', 'usual',
  ],
  recent: [
    'now', 'right now', 'just now', 'at the moment', 'currently', 'today', 'tonight', 'this morning', 'this afternoon',
    'this evening', 'last night', 'yesterday', 'minutes ago', 'minute ago', 'hours ago', 'hour ago', 'an hour', 'just', 'still',
    'again', 'since morning', 'since this', 'since last night', 'since yesterday', 'since an hour', 'since # hour|hours|minutes|mins|days', 'started', 'starting', 'began', 'keeps',
    'keep', 'getting worse', 'worse than usual', 'worse than normal', 'not like my usual', 'different from usual', 'never had',
    'first time', 'something new', 'suddenly', 'is happening', 'happening', 'ongoing', 'at the minute', 'past hour', 'past few hours',
    'last hour', 'few hours', 'on my way', 'days ago', 'day ago', 'this week',
    'than usual|normal|before', 'as much as|often as|active as|strong as *1 usual|normal|before',
  ],
  hypothetical: [
    'what are * signs|symptoms', 'what are the signs', 'what are signs', 'what are the symptoms', 'what are symptoms', 'what symptoms', 'what are the warning', 'warning signs',
    'how do i know', 'how would i know', 'how can i tell', 'how do you know', 'how to tell', 'how to recognise', 'how to recognize',
    'what should i do if', 'what do i do if', 'what to do if', 'what happens if', 'what if', 'if i ever', 'if he ever', 'if she ever',
    'if ever', 'in case', 'just in case', 'should i worry if', 'is it normal to', 'can you get', 'could i get', 'can i get', 'am i at risk',
    'risk of', 'chance of', 'prevent', 'prevention', 'information about', 'info on', 'leaflet', 'read about', 'reading about',
    'article', 'documentary', 'tv', 'film', 'movie', 'my essay', 'homework', 'for a course', 'first aid course',
    'come back if', 'call if', 'return if', 'go to emergency if', 'told me to', 'told us to', 'advised to', 'said to watch',
    'look out for', 'watch out for', 'worried about getting', 'scared of getting', 'is it possible to', 'difference between',
    'can stress cause', 'can anxiety cause', 'what causes', 'why do', 'why does', 'hypothetically',
    'explain', 'teach', 'curious', 'wondering if', 'wondering whether', 'learn', 'training',
  ],
  question_general: [
    'when should i', 'should i see', 'when to see', 'when do i need', 'what does', 'what do * mean', 'stand for', 'is it normal', 'is that normal',
    'is this normal', 'is that ok', 'is it ok', 'is it safe', 'is that safe', 'should we keep', 'should i keep', 'should i take', 'can i take', 'can i start',
    'can i go', 'can i drive', 'can he|she drive', 'what happens if|when', 'what would happen', 'look out for', 'watch for', 'what symptoms', 'should i watch', 'how long', 'how often', 'how much', 'what * level|number|reading', 'what number', 'who do i talk', 'do i need to', 'was reading', 'read an article',
  ],
  worry: [
    'scared it is', 'scared that', 'worried it is', 'worried that', 'afraid it is', 'afraid that', 'frightened it is', 'i think i am having',
    'think i am having', 'could this be', 'could it be', 'is this a', 'am i having', 'feels like a', 'feel like i am having',
  ],
};
