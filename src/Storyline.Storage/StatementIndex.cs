using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Storyline.Core;
using Storyline.Core.Storage;

namespace Storyline.Storage;

/// <summary>
/// What both stores write to and ask of their quote and event index tables (doc_quotes, doc_events), so the
/// two answer the same queries the same way. The rows are derived from the document's analysis and replaced
/// with it; the analysis JSON stays the source of truth.
/// </summary>
public static class StatementIndex
{
    /// <summary>Longest sentence text kept on an event row (a "sentence" of a broken page can be a whole page).</summary>
    public const int MaxSentenceChars = 2000;

    /// <summary>Most rows one query page returns.</summary>
    public const int MaxLimit = 10_000;

    public const string QuoteColumns =
        "doc_id, idx, text, start_at, end_at, kind, speaker, speaker_start, speaker_end, speaker_entity, speaker_name, speaker_key, " +
        "unnamed, via, via_entity, via_name, cue, cue_start, cue_end, sentence, speaker_match, text_match, record";

    public const string EventColumns =
        "doc_id, idx, action, start_at, end_at, sentence, sentence_text, actor, actor_entity, actor_name, actor_key, actor_code, " +
        "target, target_entity, target_name, target_key, target_code, cameo, goldstein, plover, date, date_start, date_end, " +
        "time_idx, place, place_idx, negated, hypothetical, actor_match, target_match, record";

    /// <summary>The index rows of a document's quotes, in the order of <see cref="QuoteColumns"/>.</summary>
    public static IEnumerable<object?[]> QuoteRows(Document d)
    {
        for (int i = 0; i < d.Quotes.Count; i++)
        {
            var q = d.Quotes[i];
            var speaker = EntityAt(d, q.SpeakerEntity);
            var via = EntityAt(d, q.ViaEntity);
            yield return
            [
                d.Id, i, q.Text, q.Start, q.End, q.Kind, q.Speaker, q.SpeakerStart, q.SpeakerEnd, q.SpeakerEntity,
                speaker?.Name, speaker?.StoreKey, q.Unnamed ? 1 : 0, q.Via, q.ViaEntity, via?.Name, q.Cue, q.CueStart, q.CueEnd,
                q.Sentence, MatchColumn(q.Speaker, speaker?.Name), MatchColumn(q.Text, null), JsonSerializer.Serialize(q, RecordJson),
            ];
        }
    }

    /// <summary>The index rows of a document's events, in the order of <see cref="EventColumns"/>.</summary>
    public static IEnumerable<object?[]> EventRows(Document d)
    {
        for (int i = 0; i < d.Events.Count; i++)
        {
            var e = d.Events[i];
            var actor = EntityAt(d, e.ActorEntity);
            var target = EntityAt(d, e.TargetEntity);
            var (from, to) = DateRange(e.Date);
            yield return
            [
                d.Id, i, e.Action, e.Start, e.End, e.Sentence, SentenceText(d, e.Sentence), e.Actor, e.ActorEntity, actor?.Name,
                actor?.StoreKey, e.ActorCode, e.Target, e.TargetEntity, target?.Name, target?.StoreKey, e.TargetCode, e.Cameo,
                e.Goldstein, e.Plover, e.Date, from, to, e.Time, e.Place, e.PlaceIndex, e.Negated ? 1 : 0, e.Hypothetical ? 1 : 0,
                MatchColumn(e.Actor, actor?.Name), MatchColumn(e.Target, target?.Name), JsonSerializer.Serialize(e, RecordJson),
            ];
        }
    }

    private static Entity? EntityAt(Document d, int i) => i >= 0 && i < d.Entities.Count ? d.Entities[i] : null;

    /// <summary>The text of sentence <paramref name="i"/>, capped; null when the index is out of range.</summary>
    public static string? SentenceText(Document d, int i)
    {
        if (i < 0 || i >= d.Sentences.Count) return null;
        var s = d.Sentences[i];
        int start = Math.Clamp(s.Start, 0, d.Text.Length), end = Math.Clamp(s.End, start, d.Text.Length);
        var text = d.Text.AsSpan(start, Math.Min(end - start, MaxSentenceChars)).Trim();
        return text.ToString();
    }

    /// <summary>
    /// Lower case, accents dropped, every run of other characters one space: "China's top diplomat" → "china s top diplomat".
    /// Names are matched as whole-word phrases of this form, the same way on both stores.
    /// </summary>
    public static string Normalise(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        var sb = new StringBuilder(s.Length);
        bool space = false;
        // Only non-ASCII text can carry accents to drop (decomposing allocates; most names are ASCII).
        foreach (var ch in System.Text.Ascii.IsValid(s) ? s : Storyline.Core.UnicodeText.Normalize(s, NormalizationForm.FormD))
        {
            var cat = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark) continue;
            if (char.IsLetterOrDigit(ch))
            {
                if (space && sb.Length > 0) sb.Append(' ');
                space = false;
                sb.Append(char.ToLowerInvariant(ch));
            }
            else space = true;
        }
        return sb.ToString();
    }

    /// <summary>" text | entity name ": each part padded so a whole-word phrase matches as LIKE '% words %', never across parts.</summary>
    public static string MatchColumn(string? text, string? entityName) => " " + Normalise(text) + " | " + Normalise(entityName) + " ";

    /// <summary>
    /// The days an ISO/TIMEX date value covers, as yyyy-MM-dd strings: a day, week (2023-W05), month, quarter (2023-Q1)
    /// or year; (null, null) when the value is none of these (a season, a decade, "PRESENT_REF").
    /// </summary>
    public static (string? From, string? To) DateRange(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < 4 || !int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int y) || y < 1)
            return (null, null);
        try
        {
            var rest = value.AsSpan(4);
            if (rest.IsEmpty) return Span(new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            if (rest[0] != '-') return (null, null);
            rest = rest[1..];
            if (rest.Length >= 3 && rest[0] == 'W' && int.TryParse(rest.Slice(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int w)
                && w >= 1 && w <= ISOWeek.GetWeeksInYear(y))
            {
                var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(y, w, DayOfWeek.Monday));
                return Span(monday, monday.AddDays(6));
            }
            if (rest.Length >= 2 && rest[0] == 'Q' && rest[1] is >= '1' and <= '4')
            {
                int q = rest[1] - '0';
                var first = new DateOnly(y, q * 3 - 2, 1);
                return Span(first, first.AddMonths(3).AddDays(-1));
            }
            if (rest.Length < 2 || !int.TryParse(rest[..2], NumberStyles.None, CultureInfo.InvariantCulture, out int m) || m is < 1 or > 12)
                return (null, null);
            rest = rest[2..];
            if (rest.IsEmpty) return Span(new DateOnly(y, m, 1), new DateOnly(y, m, DateTime.DaysInMonth(y, m)));
            if (rest.Length < 3 || rest[0] != '-' || !int.TryParse(rest.Slice(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int day)
                || day < 1 || day > DateTime.DaysInMonth(y, m) || (rest.Length > 3 && rest[3] != 'T'))
                return (null, null);
            var d = new DateOnly(y, m, day);
            return Span(d, d);
        }
        catch (ArgumentOutOfRangeException) { return (null, null); }
    }

    private static (string?, string?) Span(DateOnly a, DateOnly b) => (Iso(a), Iso(b));

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A CAMEO actor code needle ("CHN", "usagov" → "USAGOV"), or null when the text cannot be one.</summary>
    public static string? CodeNeedle(string? s)
    {
        if (s is null) return null;
        s = s.Trim();
        if (s.Length < 3 || s.Length > 30) return null;
        foreach (var ch in s) if (!char.IsAsciiLetter(ch) && !char.IsAsciiDigit(ch)) return null;
        return s.ToUpperInvariant();
    }

    /// <summary>A WHERE clause (with @name parameters, understood by both SQLite and Npgsql) and its parameter values.</summary>
    public sealed record Filter(string Where, IReadOnlyList<KeyValuePair<string, object>> Parameters);

    /// <summary>The filter for a quote query over doc_quotes aliased q.</summary>
    public static Filter QuoteFilter(QuoteQuery query)
    {
        var b = new FilterBuilder();
        if (query.Speaker is { } speaker)
            b.Add($"({b.Like("q.speaker_match", speaker)} OR lower(q.speaker_key) = {b.Param(speaker.Trim().ToLowerInvariant())})");
        if (query.Text is { } text) b.Add(b.Like("q.text_match", text));
        if (query.Kind is { } kind) b.Add($"q.kind = {b.Param(kind.Trim().ToLowerInvariant())}");
        if (query.Cue is { } cue) b.Add($"lower(q.cue) = {b.Param(cue.Trim().ToLowerInvariant())}");
        if (query.DocId is { } doc) b.Add($"q.doc_id = {b.Param(doc)}");
        return b.Build();
    }

    /// <summary>The filter for an event query over doc_events aliased e.</summary>
    public static Filter EventFilter(EventQuery query)
    {
        var b = new FilterBuilder();
        if (query.Actor is { } actor) b.Add(Party(b, "actor", actor));
        if (query.Target is { } target) b.Add(Party(b, "target", target));
        if (query.Cameo is { } cameo) b.Add(Digits(cameo) is { Length: > 0 } code ? $"e.cameo LIKE {b.Param(code + "%")}" : "1 = 0");
        if (query.Plover is { } plover) b.Add($"upper(e.plover) = {b.Param(plover.Trim().ToUpperInvariant())}");
        if (query.From is { } from) b.Add($"e.date_end >= {b.Param(Iso(from))}");
        if (query.To is { } to) b.Add($"e.date_start <= {b.Param(Iso(to))}");
        if (query.Negated is { } neg) b.Add($"e.negated = {b.Param(neg ? 1 : 0)}");
        if (query.Hypothetical is { } hyp) b.Add($"e.hypothetical = {b.Param(hyp ? 1 : 0)}");
        if (query.DocId is { } doc) b.Add($"e.doc_id = {b.Param(doc)}");
        return b.Build();
    }

    private static string Party(FilterBuilder b, string role, string needle)
    {
        var parts = new List<string>
        {
            b.Like($"e.{role}_match", needle),
            $"lower(e.{role}_key) = {b.Param(needle.Trim().ToLowerInvariant())}",
        };
        if (CodeNeedle(needle) is { } code) parts.Add($"e.{role}_code LIKE {b.Param(code + "%")}");
        return "(" + string.Join(" OR ", parts) + ")";
    }

    /// <summary>Only the digits of a CAMEO code (so a needle can never carry LIKE wildcards).</summary>
    private static string Digits(string s) => new([.. s.Where(char.IsAsciiDigit)]);

    /// <summary>Page bounds: limit within [0, <see cref="MaxLimit"/>], offset ≥ 0.</summary>
    public static (int Limit, int Offset) Page(int limit, int offset) => (Math.Clamp(limit, 0, MaxLimit), Math.Max(0, offset));

    /// <summary>
    /// The whole record as JSON, read back by queries: the columns beside it are for filtering and order, so a field
    /// added to <see cref="Quote"/> or <see cref="NewsEvent"/> comes back from the store without a schema change.
    /// </summary>
    private static readonly JsonSerializerOptions RecordJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The columns a quote query selects (doc_quotes q joined to documents d), read back by <see cref="ReadQuote"/>.</summary>
    public const string QuoteSelect = "q.doc_id, q.idx, q.record, q.speaker_name, q.speaker_key, q.via_name, d.title, d.published";

    /// <summary>The columns an event query selects (doc_events e joined to documents d), read back by <see cref="ReadEvent"/>.</summary>
    public const string EventSelect =
        "e.doc_id, e.idx, e.record, e.sentence_text, e.actor_name, e.actor_key, e.target_name, e.target_key, d.title, d.published";

    /// <summary>Quotes in document then quote order.</summary>
    public const string QuoteOrder = "ORDER BY q.doc_id, q.idx";

    /// <summary>Events by the first day their date covers (undated last), then document and event order.</summary>
    public const string EventOrder = "ORDER BY (CASE WHEN e.date_start IS NULL THEN 1 ELSE 0 END), e.date_start, e.doc_id, e.idx";

    public static QuoteHit ReadQuote(DbDataReader r, Func<DbDataReader, int, DateTimeOffset?> published)
    {
        var q = JsonSerializer.Deserialize<Quote>(r.GetString(2), RecordJson)!;
        return new QuoteHit(r.GetInt64(0), r.GetInt32(1), Str(r, 6), r.IsDBNull(7) ? null : published(r, 7), q)
        {
            SpeakerName = Str(r, 3), SpeakerKey = Str(r, 4), ViaName = Str(r, 5),
        };
    }

    public static EventHit ReadEvent(DbDataReader r, Func<DbDataReader, int, DateTimeOffset?> published)
    {
        var e = JsonSerializer.Deserialize<NewsEvent>(r.GetString(2), RecordJson)!;
        return new EventHit(r.GetInt64(0), r.GetInt32(1), Str(r, 8), r.IsDBNull(9) ? null : published(r, 9), e)
        {
            Sentence = Str(r, 3), ActorName = Str(r, 4), ActorKey = Str(r, 5), TargetName = Str(r, 6), TargetKey = Str(r, 7),
        };
    }

    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private sealed class FilterBuilder
    {
        private readonly List<string> _clauses = [];
        private readonly List<KeyValuePair<string, object>> _params = [];

        public void Add(string clause) => _clauses.Add(clause);

        public string Param(object value)
        {
            var name = "p" + _params.Count.ToString(CultureInfo.InvariantCulture);
            _params.Add(new(name, value));
            return "@" + name;
        }

        /// <summary>Whole-word phrase match on a match column; a needle with no letters or digits matches nothing.</summary>
        public string Like(string column, string needle)
        {
            var n = Normalise(needle);
            return n.Length == 0 ? "1 = 0" : $"{column} LIKE {Param("% " + n + " %")}";
        }

        public Filter Build() => new(_clauses.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _clauses), _params);
    }
}
