/// Schedules said in words or in cron's own text, read into cron's five fields (minute hour day month weekday).
extension SlotParsing {
    static let weekdays: [String: Int] = [
        "sunday": 0, "sun": 0, "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
        "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    ]

    /// A schedule as cron text: `*/5 * * * *` as it is; "every 5 minutes", "hourly", "daily at 2am", "every monday
    /// at 9", "weekdays at 6:30pm", "at 6am and 6pm", "monthly"; nil for anything else.
    public static func schedule(_ text: String) -> String? {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        guard let found = schedulePrefix(words), found.used == words.count else { return nil }
        return found.cron
    }

    /// The longest schedule the words start with: its cron text and how many words it took.
    public static func schedulePrefix(_ words: [String]) -> (cron: String, used: Int)? {
        // Cron's own five fields, typed as five words or one quoted word; `@daily` and its kin.
        if words.count >= 5, words.prefix(5).allSatisfy(isCronField), !words.prefix(5).allSatisfy({ Int($0) != nil }) {
            return (words.prefix(5).joined(separator: " "), 5)
        }
        // "at 0 2 * * *", "on 0 9 * * 1", "schedule */5 * * * *": cron's text after its word.
        if let first = words.first, ["at", "on", "schedule", "cron"].contains(first),
            let rest = schedulePrefix(Array(words.dropFirst())), rest.cron.contains("*")
        {
            if words.count > 1, words[1].contains(" ") || isCronField(words[1]) { return (rest.cron, rest.used + 1) }
        }
        if let first = words.first {
            let fields = first.split(separator: " ").map(String.init)
            if fields.count == 5, fields.allSatisfy(isCronField) { return (fields.joined(separator: " "), 1) }
            let macros = [
                "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
                "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
            ]
            if let cron = macros[first] { return (cron, 1) }
        }
        var reader = ScheduleReader(words: words)
        return reader.read()
    }

    static func isCronField(_ field: String) -> Bool {
        !field.isEmpty && field.allSatisfy { $0.isNumber || "*/,-".contains($0) }
            && (field.contains(where: \.isNumber) || field.hasPrefix("*"))
    }

    /// A cron schedule in words, for plans: "every 5 minutes", "every day at 02:00", "on Mondays at 09:00".
    public static func describe(schedule cron: String) -> String {
        let fields = cron.split(separator: " ").map(String.init)
        guard fields.count == 5 else { return "on the schedule \(cron)" }
        let (minute, hour, day, month, weekday) = (fields[0], fields[1], fields[2], fields[3], fields[4])
        if minute == "*", hour == "*", day == "*", month == "*", weekday == "*" { return "every minute" }
        if minute.hasPrefix("*/"), hour == "*", day == "*", month == "*" {
            return "every \(minute.dropFirst(2)) minutes" + describe(weekday: weekday)
        }
        if Int(minute) != nil, hour == "*", day == "*", month == "*" {
            return "every hour at minute \(minute)" + describe(weekday: weekday)
        }
        if Int(minute) != nil, hour.hasPrefix("*/"), day == "*", month == "*" {
            return "every \(hour.dropFirst(2)) hours at minute \(minute)" + describe(weekday: weekday)
        }
        guard let m = Int(minute), month == "*" else { return "on the schedule \(cron)" }
        let hours = hour.split(separator: ",").compactMap { Int($0) }
        guard !hours.isEmpty, hours.count == hour.split(separator: ",").count else { return "on the schedule \(cron)" }
        let times = hours.map { h in (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)" }
            .joined(separator: " and ")
        if day == "*", weekday == "*" { return "every day at \(times)" }
        if day == "*" { return describe(weekday: weekday).dropFirst() + " at \(times)" }
        if weekday == "*", Int(day) != nil { return "on day \(day) of every month at \(times)" }
        return "on the schedule \(cron)"
    }

    static func describe(weekday: String) -> String {
        let names = ["Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"]
        if weekday == "*" { return "" }
        if weekday == "1-5" { return " on weekdays" }
        if weekday == "0,6" || weekday == "6,0" { return " on weekends" }
        let days = weekday.split(separator: ",").compactMap { Int($0) }.filter { (0...6).contains($0) }
        guard !days.isEmpty else { return " on weekdays \(weekday)" }
        return " on " + days.map { names[$0] }.joined(separator: " and ")
    }
}

/// Reads a schedule said in words, one phrase after another: how often ("every 5 minutes", "daily", "every
/// monday"), at what times ("at 2am", "at 6:30 pm and 6pm", "at noon"), and on which days ("on weekdays").
struct ScheduleReader {
    let words: [String]
    var position = 0
    var minute: String?
    var hour: String?
    var day: String?
    var weekday: String?
    /// Whether a frequency of its own was said ("every 5 minutes", "hourly"): times then make no sense.
    var interval = false
    var dayLong = false

    init(words: [String]) { self.words = words }

    mutating func read() -> (cron: String, used: Int)? {
        var progressed = true
        var readAny = false
        while progressed && position < words.count {
            progressed = readFrequency() || readTimes() || readDays()
            readAny = readAny || progressed
        }
        guard readAny else { return nil }
        if !interval && !dayLong && weekday == nil && day == nil && hour == nil { return nil }
        let cron = [minute ?? "0", hour ?? (interval ? "*" : "0"), day ?? "*", "*", weekday ?? "*"]
        return (cron.joined(separator: " "), position)
    }

    func word(_ offset: Int = 0) -> String? { position + offset < words.count ? words[position + offset] : nil }

    static let minuteUnits: Set<String> = ["minute", "minutes", "min", "mins", "m"]
    static let hourUnits: Set<String> = ["hour", "hours", "hr", "hrs", "h"]
    static let everyWords: Set<String> = ["every", "each", "once", "per"]

    mutating func readFrequency() -> Bool {
        guard let first = word() else { return false }
        if interval, !(first == "on" && word(1) == "the" && word(2) == "hour") { return false }
        switch first {
        case "hourly":
            interval = true; minute = "0"; position += 1; return true
        case "daily", "nightly":
            dayLong = true; position += 1; return true
        case "weekly":
            weekday = weekday ?? "0"; position += 1; return true
        case "monthly":
            day = "1"; position += 1; return true
        default: break
        }
        // "on the hour" says minute 0 of an hourly schedule.
        if first == "on", word(1) == "the", word(2) == "hour" || word(2) == "hour," {
            minute = "0"; position += 3; return true
        }
        // "evry", "evrey": every typed with one slip.
        let every = Self.everyWords.contains(first) || (4...6).contains(first.count) && first != "ever"
            && first != "very" && EditDistance.isWithinOne(first, "every")
        guard every || first == "a" || first == "an", let next = word(1) else { return false }
        if first == "once" || first == "a" || first == "an" {
            // "once a day", "once an hour", "a day".
            let unit = ["a", "an"].contains(next) ? word(2) : next
            let skip = ["a", "an"].contains(next) ? 3 : 2
            guard let unit else { return false }
            if unit == "day" { dayLong = true; position += skip; return true }
            if unit == "hour" { interval = true; minute = "0"; position += skip; return true }
            if unit == "week" { weekday = "0"; position += skip; return true }
            return false
        }
        if Self.minuteUnits.contains(next) {
            interval = true; minute = "*"; position += 2; return true
        }
        if Self.hourUnits.contains(next) {
            interval = true; minute = "0"; position += 2; return true
        }
        if ["day", "night", "evening", "morning"].contains(next) {
            dayLong = true; position += 2; return true
        }
        if next == "week" { weekday = "0"; position += 2; return true }
        if next == "month" { day = "1"; position += 2; return true }
        if next == "weekday" || next == "weekdays" { weekday = "1-5"; position += 2; return true }
        if next == "weekend" || next == "weekends" { weekday = "0,6"; position += 2; return true }
        if let day = Self.weekday(next) { weekday = String(day); position += 2; return true }
        // "every 5 minutes", "every 2 hours", "every 5m", "every 15min".
        if let amount = Int(next), amount > 0, let unit = word(2) {
            if Self.minuteUnits.contains(unit), amount < 60 {
                interval = true; minute = amount == 1 ? "*" : "*/\(amount)"; position += 3; return true
            }
            if Self.hourUnits.contains(unit), amount < 24 {
                interval = true; minute = "0"; hour = amount == 1 ? "*" : "*/\(amount)"; position += 3; return true
            }
        }
        let digits = next.prefix { $0.isNumber }
        if let amount = Int(digits), amount > 0 {
            let unit = String(next.dropFirst(digits.count))
            if Self.minuteUnits.contains(unit), amount < 60 {
                interval = true; minute = amount == 1 ? "*" : "*/\(amount)"; position += 2; return true
            }
            if Self.hourUnits.contains(unit), amount < 24 {
                interval = true; minute = "0"; hour = amount == 1 ? "*" : "*/\(amount)"; position += 2; return true
            }
        }
        return false
    }

    static func weekday(_ word: String) -> Int? {
        var bare = word
        if bare.hasSuffix("s"), SlotParsing.weekdays[bare] == nil { bare.removeLast() }
        return SlotParsing.weekdays[bare]
    }

    /// "at 2am", "at 2:30 pm", "at 14:00", "at 9", "at noon", "at midnight", "at 6am and 6pm".
    mutating func readTimes() -> Bool {
        guard hour == nil || minute == nil, !interval, let first = word() else { return false }
        var at = position
        if first == "at" || first == "@" || first == "for" && ["midnight", "noon", "midday"].contains(word(1) ?? "") {
            at += 1
        }
        var times: [(Int, Int)] = []
        var end = at
        while end < words.count, let (time, used) = Self.time(words, at: end, bare: end == at && at > position) {
            times.append(time)
            end += used
            if end < words.count, ["and", "&", ","].contains(words[end]) { end += 1 } else { break }
        }
        // "and" that joined nothing more is not the schedule's.
        if end > at, end <= words.count, end - 1 >= 0, ["and", "&", ","].contains(words[end - 1]) { end -= 1 }
        guard !times.isEmpty, Set(times.map(\.1)).count == 1, let minuteValue = times.first?.1 else { return false }
        hour = times.map { String($0.0) }.joined(separator: ",")
        minute = String(minuteValue)
        position = end
        return true
    }

    /// One time of day at `index`; `bare` lets a bare hour ("at 9") count.
    static func time(_ words: [String], at index: Int, bare: Bool) -> ((Int, Int), Int)? {
        let word = words[index]
        if word == "noon" || word == "midday" { return ((12, 0), 1) }
        if word == "midnight" { return ((0, 0), 1) }
        var text = word
        var used = 1
        var meridiem: String?
        for suffix in ["am", "pm", "a.m.", "p.m."] where text.hasSuffix(suffix) && text.count > suffix.count {
            meridiem = String(suffix.prefix(1))
            text = String(text.dropLast(suffix.count))
        }
        if meridiem == nil, index + 1 < words.count, ["am", "pm", "a.m.", "p.m."].contains(words[index + 1]) {
            meridiem = String(words[index + 1].prefix(1))
            used = 2
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let h = Int(parts[0]), parts[0].count <= 2 else { return nil }
        let m = parts.count == 2 ? Int(parts[1]) : 0
        guard let m, (0..<60).contains(m), parts.count == 1 || parts[1].count == 2 else { return nil }
        guard meridiem != nil || parts.count == 2 || bare else { return nil }
        var hour = h
        switch meridiem {
        case "a": guard (1...12).contains(h) else { return nil }; hour = h == 12 ? 0 : h
        case "p": guard (1...12).contains(h) else { return nil }; hour = h == 12 ? 12 : h + 12
        default: guard (0..<24).contains(h) else { return nil }
        }
        return ((hour, m), used)
    }

    /// "on weekdays", "on mondays", "on monday and thursday", "on the 1st of every month", "mon-fri".
    mutating func readDays() -> Bool {
        guard let first = word() else { return false }
        var at = position
        if first == "on" { at += 1 }
        guard at < words.count else { return false }
        let next = words[at]
        if next == "weekdays" || next == "weekday" || next == "mon-fri" || next == "monday-friday" || next == "workdays"
            || next == "weekdays," {
            weekday = "1-5"; position = at + 1; return true
        }
        // "during the work week", "on business days", "(monday to friday)", "monday through friday".
        for phrase in [["during", "the", "work", "week"], ["during", "the", "workweek"], ["during", "the", "week"],
            ["business", "days"], ["working", "days"], ["work", "days"], ["monday", "to", "friday"],
            ["monday", "through", "friday"], ["mon", "to", "fri"], ["(monday", "to", "friday)"]]
        {
            let start = first == "on" || first == "during" && phrase[0] != "during" ? position + 1 : position
            if start + phrase.count <= words.count, Array(words[start..<(start + phrase.count)]) == phrase {
                weekday = "1-5"; position = start + phrase.count; return true
            }
        }
        if next == "weekends" || next == "weekend" {
            weekday = "0,6"; position = at + 1; return true
        }
        var days: [Int] = []
        var end = at
        while end < words.count, let day = Self.weekday(words[end]) {
            days.append(day)
            end += 1
            if end + 1 < words.count, ["and", "&", ","].contains(words[end]), Self.weekday(words[end + 1]) != nil {
                end += 1
            } else {
                break
            }
        }
        if !days.isEmpty, first == "on" || weekday == nil {
            weekday = days.map(String.init).joined(separator: ",")
            position = end
            return true
        }
        // "on the 1st of every month", "on the 15th".
        var index = at
        if index < words.count, words[index] == "the" { index += 1 }
        if first == "on", index < words.count {
            let digits = words[index].prefix { $0.isNumber }
            let suffix = words[index].dropFirst(digits.count)
            let ordinals = ["first": 1, "second": 2, "third": 3, "fifteenth": 15, "last": 0]
            let said = Int(digits).flatMap { ["", "st", "nd", "rd", "th"].contains(suffix) ? $0 : nil }
                ?? ordinals[words[index]].flatMap { $0 > 0 ? $0 : nil }
            if let dayOfMonth = said, (1...31).contains(dayOfMonth) {
                day = String(dayOfMonth)
                index += 1
                if index < words.count, words[index] == "day" { index += 1 }
                if index + 2 < words.count, words[index] == "of", ["every", "each", "the"].contains(words[index + 1]),
                    words[index + 2] == "month"
                {
                    index += 3
                }
                position = index
                return true
            }
        }
        return false
    }
}
