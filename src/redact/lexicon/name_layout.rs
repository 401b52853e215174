//! Names found by where they stand: name lines and fields, lists of names, signatures, and
//! the senders and addressees of messages.

use rustc_hash::FxHashSet;

use super::build::Lexicon;
use super::flags::{
    COMMON, CREDENTIAL, FACILITY, FIRST, GREETING, LAST, NEVER, RELATION, STATE, SUFFIX, TITLE,
    UNIT, VERB, WORD,
};
use super::places::capital_initial;
use super::scratch::LexScratch;
use super::token::{after_blanks, line_blank_after, line_start, LineCase, Shape, Token};
use crate::redact::label::Label;

impl Lexicon {
    /// Do token `i` and the word after it make a staff role that introduces a name ("case
    /// manager", "social worker"), or a service ("case management", "case mgmt": no name
    /// follows it, so it is no cue phrase)?
    pub(super) fn opens_role(&self, s: &LexScratch, i: usize) -> bool {
        let Some(nx) = s.tokens.get(i + 1).filter(|nx| nx.alpha && nx.joined_prev) else {
            return false;
        };
        if matches!(Self::lw(s, nx), "management" | "mgmt") {
            return true;
        }
        Self::pair_in(&self.strong_intros, s, &s.tokens[i], nx)
    }

    /// Are the words of `a` and `b`, one space between them, a phrase of `set` ("case
    /// manager", "front desk")?
    pub(super) fn pair_in(set: &FxHashSet<Box<str>>, s: &LexScratch, a: &Token, b: &Token) -> bool {
        let (x, y) = (Self::lw(s, a), Self::lw(s, b));
        let mut pair = String::with_capacity(x.len() + 1 + y.len());
        pair.push_str(x);
        pair.push(' ');
        pair.push_str(y);
        set.contains(pair.as_str())
    }

    /// Does token `i` open the answer to a question for a name: the question ends in
    /// "name" or in "name" and a few words after "on" or "for" ("What's the name on
    /// the account?"), and one speaker's label may come between ("User: ")?
    pub(super) fn answers_name_question(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        let asked = |gap: &str| matches!(gap, "? " | "?  " | "?\n");
        let t = &s.tokens[i];
        let p = &s.tokens[i - 1];
        // the token that ends the question
        let q = if asked(&text[p.end..t.start]) {
            i - 1
        } else if i >= 2
            && matches!(&text[p.end..t.start], ": " | ":  ")
            && p.alpha
            && p.shape == Shape::Capitalized
            && p.flags & (FIRST | LAST) == 0
            && asked(&text[s.tokens[i - 2].end..p.start])
        {
            i - 2
        } else {
            return false;
        };
        (0..=3.min(q)).any(|k| {
            let at = q - k;
            Self::lw_is(s, &s.tokens[at], "name")
                && (k == 0
                    || (s.tokens[at + 1].alpha
                        && matches!(Self::lw(s, &s.tokens[at + 1]), "on" | "for")
                        && (at + 1..=q).all(|j| s.tokens[j].joined_prev && s.tokens[j].alpha)))
        })
    }

    /// Token `i`, after a dash with a blank before it, is a word in no list at all, in any
    /// case: "Thanks!! -Kelvorn", "thx -trassa"; not the end of a hyphenated place ("from
    /// Saint-Velkaro"). (Out of line: asked only after a dash.)
    #[cold]
    #[inline(never)]
    fn signs_after_dash(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        let (p, t) = (&s.tokens[i - 1], &s.tokens[i]);
        text[p.end..t.start]
            .trim_start_matches(['.', '?', '!'])
            .starts_with([' ', '\t', '\n', '\r'])
            && self.unknown_not_misspelt(s, t)
    }

    /// Senders naming themselves in a text message, in whatever case: a listed given name
    /// (no English word) that closes the message, perhaps with an initial, after a dash,
    /// after a greeting or a cue phrase and its comma ("running late - lateef", "ok thanks,
    /// lateef", "thank you, lateef", "Thanks! Lateef K."), or alone on its last line, or that
    /// follows an "it's" opening a line ("hey its lateef again", "it's Lateef, running late";
    /// a common given name that is a word too, before a comma or "again": "its john, call
    /// me"); after the dash or with an initial, capitalised on a line in mixed case, also a
    /// given name that is a word ("- Rob", "- Maria G."), and a word in no list at all
    /// ("Thanks!! -Kelvorn"). On
    /// a line in lower case a rare given name alone is no name, and these cues are not the
    /// intros the other rules read. It looks at the last token and at the first one or two
    /// of each line only.
    pub(super) fn mark_message_senders(&self, text: &str, s: &mut LexScratch) {
        let n = s.tokens.len();
        // a listed given name, unlabelled, of three letters or more, with none of the flags
        // in `not` (a given name's flags imply it is a word of letters)
        let listed = |t: &Token, not: u32| {
            t.label.is_none() && t.end - t.start >= 3 && t.flags & FIRST != 0 && t.flags & not == 0
        };
        const NO_SENDER: u32 = NEVER | TITLE | RELATION | STATE | FACILITY | UNIT | GREETING;
        // (no English word either, nor a credential)
        let given = |t: &Token| listed(t, NO_SENDER | WORD | CREDENTIAL);
        let closes = |end: usize| {
            text[end..]
                .bytes()
                .all(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'.' | b'!' | b')'))
        };
        // an initial may close the message after the name: "- Maria G.", "Thanks! Rob K."
        let initial = n >= 3 && {
            let (x, y) = (&s.tokens[n - 2], &s.tokens[n - 1]);
            y.alpha
                && y.end - y.start == 1
                && y.shape == Shape::Upper
                && y.label.is_none()
                && &text[x.end..y.start] == " "
        };
        let last = n - 1 - usize::from(initial);
        if last >= 1 {
            let (p, t) = (s.tokens[last - 1], s.tokens[last]);
            let gap = text[p.end..t.start].trim_matches([' ', '\t']);
            // (a sentence may end before the dash, "in today? - Rob", or the line: "Thanks!\n-
            // Rob")
            let dash = matches!(
                gap.trim_start_matches(['.', '?', '!', ' ', '\n', '\r']),
                "-" | "\u{2013}" | "\u{2014}" | "~"
            );
            // (after a comma, a greeting or a cue phrase: "ok thanks, lateef", "thank you,
            // lateef"; alone on the message's last line after other lines: a signature)
            // (with an initial after the name, after a greeting's "!" or period too: "Thanks!
            // Maria G.")
            let after_cue = dash
                || ((gap == "," || initial && matches!(gap, "!" | "."))
                    && p.alpha
                    && (p.flags & GREETING != 0
                        || (1..=self.prev_phrases(s, text, last, 3)).any(|k| {
                            let ph = Self::phrase_of(s, k);
                            self.weak_intros.contains(ph) || self.strong_intros.contains(ph)
                        })))
                || {
                    // (a line of its own: only line breaks after the sentence before it)
                    let brk = gap.trim_start_matches(['.', '?', '!', ',']);
                    !brk.is_empty() && brk.bytes().all(|c| matches!(c, b'\n' | b'\r' | b' '))
                };
            // (after a dash, or with an initial after it, capitalised on a line in mixed case,
            // a given name that is also a word: "see you at 5 - Rob", "Thanks, Maria G.")
            let worded = (dash || initial)
                && t.shape == Shape::Capitalized
                && t.case == LineCase::Mixed
                && listed(&t, NO_SENDER);
            if after_cue
                && !t.after_tag
                && (given(&t) || worded || dash && self.signs_after_dash(text, s, last))
                && closes(s.tokens[n - 1].end)
            {
                s.tokens[last].label = Some(Label::Name);
                if initial {
                    s.tokens[n - 1].label = Some(Label::Name);
                }
            }
        }
        // ("it's" opens its line, or follows a greeting that does: one or two tokens a line)
        for k in 0..s.lines.len() {
            let first = s.lines[k].0;
            let opens = |i: usize| {
                let m = &s.tokens[i];
                let w = &text.as_bytes()[m.start..m.end];
                m.flags & NEVER != 0
                    && (w.eq_ignore_ascii_case(b"its")
                        || w.eq_ignore_ascii_case(b"it's")
                        || w.eq_ignore_ascii_case("it\u{2019}s".as_bytes()))
            };
            let end = s.line_tokens(k).end;
            let Some(i) = [first, first + 1].into_iter().find(|&i| {
                i + 1 < end && (i == first || s.tokens[first].flags & GREETING != 0) && opens(i)
            }) else {
                continue;
            };
            let t = s.tokens[i + 1];
            let then = text[t.end..].trim_start_matches([' ', '\t']);
            let again = s.tokens.get(i + 2).is_some_and(|x| {
                &text[t.end..x.start] == " " && matches!(Self::lw(s, x), "again" | "here")
            });
            let ends = then.is_empty() || then.starts_with([',', '.', '!', '-', '\n']) || again;
            // (a common given name that is also a word only before a comma, "again", "here"
            // or the message's end: "hey its john, call me", not "it's bill day")
            let common_worded = t.flags & COMMON != 0
                && listed(&t, NO_SENDER | CREDENTIAL)
                && (then.is_empty() || then.starts_with(',') || again);
            if t.joined_prev
                && &text[s.tokens[i].end..t.start] == " "
                && (given(&t) || common_worded)
                && ends
            {
                s.tokens[i + 1].label = Some(Label::Name);
            }
        }
    }

    /// Does token `i` stand alone on the line after a sign-off ("Regards,\nHope",
    /// "Thanks!\nHope", "Love,\nJelka"): a greeting, a strong name intro or a word of
    /// [`SIGN_OFFS`] ends the line before, a comma or "!" at most after it?
    pub(super) fn signs_off(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        i > 0 && {
            let t = &s.tokens[i];
            let p = &s.tokens[i - 1];
            let gap = text[p.end..t.start].trim_matches([' ', '\t', '\r']);
            matches!(gap, "\n" | ",\n" | "!\n")
                && line_blank_after(text, t.end)
                && (p.flags & GREETING != 0
                    || self.strong_intros.contains(Self::lw(s, p))
                    || SIGN_OFFS.iter().any(|w| Self::lw_is(s, p, w)))
        }
    }

    /// Does "here" follow token `i` after one space, and a comma, dash, period, "!" or line
    /// end after it: a sender naming themselves ("Amber here, running late")?
    pub(super) fn here_after(s: &LexScratch, text: &str, i: usize) -> bool {
        let t = &s.tokens[i];
        s.tokens.get(i + 1).is_some_and(|nx| {
            Self::lw_is(s, nx, "here")
                && &text[t.end..nx.start] == " "
                && text[nx.end..]
                    .trim_start_matches(' ')
                    .starts_with([',', '-', '.', '!', '\n'])
        })
    }

    /// A line that holds only a name opens a signature or contact block ("marguerite okafor\n
    /// procurement lead"): two to four words, each a name from the lists, an
    /// initial, or unknown, at least one a first name, and the line is the text's first or
    /// follows a blank line, and another line follows.
    /// (Out of line: inlined into `detect`, the test of a word in no list moved the
    /// tokenizer's registers, +0.9% of `detect/sms`.)
    #[inline(never)]
    pub(super) fn mark_name_lines(&self, text: &str, s: &mut LexScratch) {
        for line in 0..s.lines.len() {
            let std::ops::Range { start: i, end: j } = s.line_tokens(line);
            self.mark_signature(text, s, i, j);
            // two to four words: anything else is no name line
            if !(2..=4).contains(&(j - i)) {
                continue;
            }
            let toks = &s.tokens[i..j];
            // "Miriam Thimble": after a capitalised first name, a capitalised word may be
            // the surname even when it is an English word; so after a capitalised word in no
            // list at all, no misspelling ("Jelkaro Bouts", "Tamsko Negishi")
            let unknown = |t: &Token| self.in_no_list(s, t) && !self.near_word(Self::lw(s, t));
            let first_name_opens = toks[0].shape == Shape::Capitalized
                && toks[0].case == LineCase::Mixed
                && toks.len() <= 3
                && (toks[0].flags & FIRST != 0 || unknown(&toks[0]));
            // the words first (most short lines fail here: "ok thanks"), then the line
            let words_ok = toks.iter().enumerate().all(|(k, t)| {
                t.alpha
                    && t.label.is_none_or(|l| l == Label::Name)
                    && t.flags & (NEVER | TITLE | STATE | FACILITY | RELATION | SUFFIX) == 0
                    && (t.end - t.start == 1
                        || t.flags & WORD == 0
                        || (t.flags & (FIRST | LAST) != 0 && t.flags & COMMON != 0)
                        || (k > 0 && first_name_opens && t.shape == Shape::Capitalized))
            })
                // a first name or surname from the lists, or an unknown non-ASCII word, or
                // else two words or more in no list at all and no misspelling
                && (toks.iter().any(|t| {
                    t.end - t.start >= 3
                        && (t.flags & (FIRST | LAST) != 0 || (t.foreign() && t.flags & WORD == 0))
                }) || (first_name_opens
                    && toks[1..].iter().all(|t| {
                        t.shape == Shape::Capitalized && (t.flags & LAST != 0 || t.flags & WORD == 0)
                    }))
                    || (toks.iter().filter(|t| t.end - t.start > 1).count() >= 2
                    && toks.iter().all(|t| {
                        t.end - t.start == 1 || unknown(t)
                    })))
                && toks
                    .windows(2)
                    .all(|w| matches!(&text[w[0].end..w[1].start], " " | ". " | "-"));
            if !words_ok {
                continue;
            }
            let ls = line_start(text, toks[0].start);
            let le = text[toks[toks.len() - 1].end..]
                .find('\n')
                .map_or(text.len(), |k| toks[toks.len() - 1].end + k);
            // the first line, or the line before is blank (quote markers aside)
            let opens_block = text[..ls].trim().is_empty() || {
                let prev = line_start(text, ls - 1);
                text[prev..ls - 1]
                    .trim_matches([' ', '\t', '\r', '?', '>', '*'])
                    .is_empty()
            };
            let more = !text[le..].trim().is_empty();
            let shape_ok = text[ls..toks[0].start]
                .bytes()
                .all(|c| matches!(c, b' ' | b'\t' | b'?' | b'>' | b'*'))
                && text[toks[toks.len() - 1].end..le].trim().is_empty();
            if shape_ok && opens_block && more && !abbreviation_in_capitals(toks) {
                for k in i..j {
                    s.tokens[k].label = Some(Label::Name);
                }
            }
        }
    }

    /// "Patient: TAMSK, VELKA": a person's field (`person_fields`), a surname, a comma and a
    /// given name (or a given name and a surname, "Caller: jelka torvane", neither of them a
    /// word), both in no list or names from the lists, in the same case, ending the line
    /// or before the next field ("  DOB: …"); or a word in a script without case right
    /// after such a field ("Patient: 王小明", "Member: 김민수"), which no capital marks; or
    /// one name ending the line, alone or before an initial ("Caller: Jelka T.").
    /// Visits the text's colons only.
    #[inline(never)]
    pub(super) fn mark_person_fields(&self, text: &str, s: &mut LexScratch) {
        let n = s.tokens.len();
        let bytes = text.as_bytes();
        for c in memchr::memchr_iter(b':', bytes) {
            // the field's name ends at the colon ("10:30", "x: 5" go no further), the surname
            // starts after it
            if c == 0 || !bytes[c - 1].is_ascii_alphabetic() {
                continue;
            }
            let i = s.tokens.partition_point(|t| t.start <= c);
            if i == 0 || i >= n || s.tokens[i - 1].end != c {
                continue;
            }
            let (f, t) = (&s.tokens[i - 1], &s.tokens[i]);
            if !t.ascii
                && t.alpha
                && t.shape == Shape::Other
                && t.label.is_none()
                && text[f.end..t.start].trim() == ":"
                && self.person_fields.contains(Self::lw(s, f))
            {
                s.tokens[i].label = Some(Label::Name);
                continue;
            }
            // one name ending the line, alone or before an initial: "Patient: Jelka",
            // "Caller: Jelka T." (a name from the lists that is no word: not "Patient:
            // Stable", "Caller: Unknown", nor "Patient: Grace", which the words after a
            // field do not tell from a state; or a word in no list that is no misspelt
            // word: "Pt: Lethargc" is none)
            // (the token's own bits first: most colons are followed by no such word)
            if t.alpha
                && t.end - t.start >= 2
                && t.label.is_none()
                && t.flags & (NEVER | TITLE | RELATION | WORD) == 0
                && (line_blank_after(text, t.end)
                    || initial_before(text, s, i, |at| line_blank_after(text, at)).is_some())
                && text[f.end..t.start].trim() == ":"
                && self.person_fields.contains(Self::lw(s, f))
                && (t.flags & (FIRST | LAST) != 0 || self.unknown_not_misspelt(s, t))
            {
                let alone = line_blank_after(text, t.end);
                s.tokens[i].label = Some(Label::Name);
                if !alone {
                    s.tokens[i + 1].label = Some(Label::Name);
                }
                continue;
            }
            if i + 1 >= n {
                continue;
            }
            let g = &s.tokens[i + 1];
            // (or a given name and a surname, no word of the word lists: "Caller: jelka
            // torvane")
            let gap = &text[t.end..g.start];
            if !(gap == ", " || gap == " " && (t.flags | g.flags) & WORD == 0) || t.shape != g.shape
            {
                continue;
            }
            let namelike = |w: &Token| {
                w.alpha
                    && w.label.is_none_or(|l| l == Label::Name)
                    && (w.flags & (FIRST | LAST) != 0 && w.flags & (NEVER | TITLE) == 0
                        || self.unknown_word(s, w))
            };
            if text[f.end..t.start].trim() == ":"
                && self.person_fields.contains(Self::lw(s, f))
                && namelike(t)
                && namelike(g)
            {
                // another field after two blanks or more: "  DOB: …"
                let field_after = |at: usize| {
                    let rest = &text[at..];
                    rest.starts_with("  ")
                        && rest
                            .trim_start_matches([' ', '\t'])
                            .split_once(':')
                            .is_some_and(|(k, _)| k.len() <= 24 && !k.contains('\n'))
                };
                // (a middle initial may close the line or come before the next field:
                // "Patient: TAMSKO, ORSA M", "Patient: TAMSKO, ORSA M  DOB: …")
                let initial = initial_before(text, s, i + 1, |at| {
                    line_blank_after(text, at) || field_after(at)
                });
                if initial.is_some()
                    || ends_line_but_credential(text, s, i + 1)
                    || field_after(g.end)
                {
                    for k in i..=initial.unwrap_or(i + 1) {
                        s.tokens[k].label = Some(Label::Name);
                    }
                }
            }
        }
    }

    /// "Patient: ORSINI, VELKARO": a field's name, then a surname, a comma and the given name
    /// ending the line. (Out of line: it runs only on texts with a colon.) Called by
    /// [`Self::expand_names`], with `name_bits` current.
    #[inline(never)]
    pub(super) fn mark_field_names(&self, text: &str, s: &mut LexScratch) {
        let n = s.tokens.len();
        let mut from = 0;
        while let Some(i) = s.next_name(from).filter(|&i| i + 1 < n) {
            from = i + 1;
            let (t, g) = (&s.tokens[i], &s.tokens[i + 1]);
            if g.label.is_none()
                && &text[t.end..g.start] == ", "
                && g.alpha
                && g.shape == t.shape
                && ((g.flags & FIRST != 0 && (g.flags & WORD == 0 || g.flags & COMMON != 0))
                    || self.in_no_list(s, g))
                && after_blanks(text, t.start, b":")
            {
                // (a middle initial may close the line: "Name: TAMSKO, ORSA M")
                let initial = initial_before(text, s, i + 1, |at| line_blank_after(text, at));
                if initial.is_some() || ends_line_but_credential(text, s, i + 1) {
                    s.set_name(i + 1);
                    if let Some(m) = initial {
                        s.set_name(m);
                    }
                }
            }
        }
    }

    /// A signature line, tokens `i..j`: two to five words of a name and a credential ending
    /// the line ("Kesta V. Orlund, RRT", "tova prinz rn"). The words are names when none is
    /// a plain English word or one of the vocabulary, unless a name list holds it.
    fn mark_signature(&self, text: &str, s: &mut LexScratch, i: usize, j: usize) {
        if j - i < 3 || s.tokens[j - 1].flags & CREDENTIAL == 0 {
            return;
        }
        let cred = s.tokens[j - 1];
        // the name opens the line, or a sentence on it: "… NEBS GIVEN. TOVAK ORLUND RRT"
        // (not the period of an initial: "Tovak G. Orlund")
        let after_sentence = |k: usize| {
            s.tokens[k - 1].end - s.tokens[k - 1].start > 1
                && text[s.tokens[k - 1].end..s.tokens[k].start]
                    .trim_end()
                    .ends_with(['.', ';'])
        };
        let first = (i + 1..j - 2)
            .rev()
            .take(4)
            .find(|&k| after_sentence(k))
            .unwrap_or(i);
        let toks = &s.tokens[first..j - 1];
        if !(2..=5).contains(&toks.len()) {
            return;
        }
        let last = toks[toks.len() - 1];
        let ls = line_start(text, toks[0].start);
        let ok = matches!(&text[last.end..cred.start], " " | ", " | ",")
            && line_blank_after(text, cred.end)
            && (first > i
                || text[ls..toks[0].start]
                    .bytes()
                    .all(|c| c == b' ' || c == b'\t'))
            && toks
                .windows(2)
                .all(|w| matches!(&text[w[0].end..w[1].start], " " | ". " | "-"))
            && toks.iter().any(|t| t.end - t.start >= 3)
            && toks.iter().all(|t| {
                let len = t.end - t.start;
                // (a capital letter is an initial, even "A" or "I")
                let initial = len == 1 && t.shape == Shape::Upper;
                t.alpha
                    && t.label.is_none_or(|l| l == Label::Name)
                    && (initial
                        || t.flags
                            & (NEVER | TITLE | STATE | FACILITY | RELATION | SUFFIX | UNIT | VERB)
                            == 0)
                    && (len == 1
                        || t.flags & (FIRST | LAST) != 0
                        || (t.flags & WORD == 0
                            && len >= 3
                            && !self.in_vocabulary(Self::lw(s, t))
                            && !self.clinical_ending(Self::lw(s, t))))
            });
        if ok {
            for t in &mut s.tokens[first..j - 1] {
                t.label = Some(Label::Name);
            }
        }
    }

    /// A list of single words ("marta, oskar, pamela and bo") where at least two thirds
    /// are first names, two of them no English words, and none is only an English word or
    /// never a name: every item is a name, lower case or not.
    pub(super) fn mark_name_lists(&self, text: &str, s: &mut LexScratch) {
        let n = s.tokens.len();
        // a list needs two first names that are no words: most texts have fewer
        let strong_names = s.strong_names.min(2) as usize;
        // (or one, for a list after a colon that holds words in no list at all: "they had
        // 3: velka, orsin and tamsk", "founded by 3 friends: Velka, Marisol and Tamsk")
        // (or none, for such a list of three or more joined by "and": "they had 3: velka,
        // orsin and tamsk")
        let colon = s.colon;
        if strong_names < 2 && !colon {
            return;
        }
        let conj = |s: &LexScratch, k: usize| matches!(Self::lw(s, &s.tokens[k]), "and" | "or");
        let gap = |s: &LexScratch, a: usize, b: usize| &text[s.tokens[a].end..s.tokens[b].start];
        // (the colons in turn: each search starts where the last one ended)
        let bytes = text.as_bytes();
        let mut colons = memchr::memchr_iter(b':', bytes);
        let mut i = 0;
        while i < n {
            if strong_names < 2 {
                // only lists after a colon: go to the first token after the next colon that
                // a word and a comma, "and" or "or" follow (most colons open no list:
                // "Neuro: A&Ox3", "CV: HR 70")
                let from = s.tokens[i].start;
                let colon_at = loop {
                    let Some(c) = colons.next() else {
                        break None;
                    };
                    if c < from {
                        continue;
                    }
                    let mut p = c + 1;
                    while bytes.get(p).is_some_and(|&b| b == b' ' || b == b'\t') {
                        p += 1;
                    }
                    let word = p;
                    while bytes
                        .get(p)
                        .is_some_and(|&b| b.is_ascii_alphabetic() || b >= 0x80)
                    {
                        p += 1;
                    }
                    let rest = &bytes[p..];
                    if p > word
                        && (rest.starts_with(b",")
                            || rest.starts_with(b" and ")
                            || rest.starts_with(b" or "))
                    {
                        break Some(c);
                    }
                };
                let Some(colon_at) = colon_at else {
                    break;
                };
                i += s.tokens[i..].partition_point(|t| t.start <= colon_at);
                if i >= n {
                    break;
                }
            }
            // the items of a list starting at token i: words joined by ", ", ", and ", " and "
            let (mut items, mut firsts, mut strong, mut ok) = (0usize, 0usize, 0usize, true);
            let after_colon = colon && after_blanks(text, s.tokens[i].start, b":");
            if strong_names < 2 && !after_colon {
                i += 1;
                continue;
            }
            // after a colon: every item a listed name or a word in no list at all (not even
            // the vocabulary), and one of them a first name that is no word, or else the
            // list joined by "and" (see `unknown_list`)
            let mut joined_by_and = false;
            let mut k = i;
            let mut last = i;
            loop {
                let t = s.tokens[k];
                if !t.alpha || conj(s, k) || t.label.is_some_and(|l| l != Label::Name) {
                    break;
                }
                items += 1;
                last = k;
                firsts += usize::from(t.flags & FIRST != 0);
                strong += usize::from(t.flags & FIRST != 0 && t.flags & WORD == 0);
                ok &= t.flags & (NEVER | TITLE | STATE | FACILITY | RELATION | SUFFIX) == 0
                    && (t.flags & WORD == 0 || t.flags & (FIRST | LAST) != 0);
                if k + 1 >= n {
                    break;
                }
                let g = gap(s, k, k + 1);
                let next = match g {
                    ", " | "," => {
                        if k + 2 < n && conj(s, k + 1) && gap(s, k + 1, k + 2) == " " {
                            joined_by_and = true;
                            k + 2
                        } else {
                            k + 1
                        }
                    }
                    " " if k + 2 < n && conj(s, k + 1) && gap(s, k + 1, k + 2) == " " => {
                        joined_by_and = true;
                        k + 2
                    }
                    _ => break,
                };
                k = next;
            }
            // (without a first name, no item may be a misspelt word: "abd: sofft, distnded
            // and tendr")
            // nor run on into a word ("…, Kalmdata and Brightpath Ventures": firms); all
            // items but the first already names by their capitals will do too ("founders:
            // Ordel, Velkaro and Tamsko", the first opening a clause)
            let unknown_list = || {
                let items = || (i..=last).filter(|&j| !conj(s, j));
                joined_by_and
                    && !(last + 1 < n && s.tokens[last + 1].alpha && gap(s, last, last + 1) == " ")
                    // (a listed first name is no misspelling, even one that is a word:
                    // "kids: maria, orskavik and brisanko")
                    && (items().all(|j| {
                        s.tokens[j].flags & FIRST != 0
                            || !self.near_word(Self::lw(s, &s.tokens[j]))
                    })
                        || (s.tokens[i].shape == Shape::Capitalized
                            && items()
                                .skip(1)
                                .all(|j| s.tokens[j].label == Some(Label::Name))))
            };
            // (the items' words looked up only for a list long enough)
            let unknown_ok = || {
                after_colon
                    && (i..=last).all(|j| {
                        let t = &s.tokens[j];
                        conj(s, j) || t.flags & (FIRST | LAST) != 0 || self.in_no_list(s, t)
                    })
            };
            if items >= 3
                && ok
                && (strong >= 2 && firsts * 3 >= items * 2
                    || unknown_ok() && (strong >= 1 || unknown_list()))
            {
                for j in i..=last {
                    if !conj(s, j) {
                        s.tokens[j].label = Some(Label::Name);
                    }
                }
                i = last + 1;
            } else {
                i += 1;
            }
        }
    }
}

/// One of a line's words is an abbreviation in capitals on a mixed-case line, two or three
/// letters and no name of the lists ("See FHP"): no name line. (Asked only of a line that is
/// one otherwise.)
fn abbreviation_in_capitals(toks: &[Token]) -> bool {
    toks.iter().any(|t| {
        t.shape == Shape::Upper
            && t.case == LineCase::Mixed
            && (2..=3).contains(&(t.end - t.start))
            && t.flags & (FIRST | LAST) == 0
    })
}

/// A capital initial right after token `k` whose end, after its period if it has one, is
/// where `closes` wants it ("TAMSKO, ORSA M" ending the line, "Caller: Jelka T."): its index.
fn initial_before(
    text: &str,
    s: &LexScratch,
    k: usize,
    closes: impl Fn(usize) -> bool,
) -> Option<usize> {
    let m = s.tokens.get(k + 1)?;
    (capital_initial(text, s, k + 1) && closes(m.end + usize::from(text[m.end..].starts_with('.'))))
        .then_some(k + 1)
}

/// Token `k` ends its line, or only a credential after it does ("ATTENDING: SMITH, JOHN MD",
/// "Kelvorn, Orvald, RN.").
fn ends_line_but_credential(text: &str, s: &LexScratch, k: usize) -> bool {
    let end = s.tokens[k].end;
    line_blank_after(text, end)
        || s.tokens.get(k + 1).is_some_and(|c| {
            c.flags & CREDENTIAL != 0
                && c.alpha
                && matches!(&text[end..c.start], " " | ", ")
                && line_blank_after(text, c.end + usize::from(text[c.end..].starts_with('.')))
        })
}

/// Words that close a letter or a message before the sender's name on the next line
/// ("Love,\nJelka", "xoxo\njelka"), and nowhere else a cue: "love" before a word is a verb
/// more often than not. (The greetings, "thanks" and "thx" among them, sign off too: their
/// flag says so in [`Lexicon::signs_off`].)
const SIGN_OFFS: [&str; 9] = [
    "love",
    "xoxo",
    "xo",
    "hugs",
    "best",
    "warmly",
    "yours",
    "respectfully",
    "blessings",
];
