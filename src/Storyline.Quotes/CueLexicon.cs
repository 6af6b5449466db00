namespace Storyline.Quotes;

/// <summary>
/// Words that introduce an attributed statement, by lemma, with the complements that carry what was said.
/// Speech verbs take a clause ("said that…", "told reporters he…"); directive verbs take an object and an
/// infinitive ("urged the US to…"); labelling verbs take an object and a description ("described it as…").
/// </summary>
internal static class CueLexicon
{
    private static HashSet<string> Set(string words) =>
        new(words.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);

    /// <summary>Verbs of saying, writing and announcing: a clause complement or a direct quote is what was said.</summary>
    public static readonly HashSet<string> Speech = Set("""
        say tell add write claim argue insist note explain state announce report warn declare assert contend
        maintain reply respond answer ask complain charge allege confirm reveal disclose indicate estimate
        predict promise vow pledge recall remark stress emphasize emphasise concede conclude testify tweet post
        joke quip shout suggest acknowledge admit deny agree observe continue caution counter retort scoff
        boast brag lament concur reiterate repeat mention explain describe announce signal hint reason
        tout urge demand order instruct advise recommend propose threaten guarantee assure inform remind
        predict forecast proclaim protest exclaim muse wonder speculate surmise posit theorize theorise
        acknowledge affirm attest certify swear testify whisper yell scream cry plead beg implore chide
        criticize criticise accuse blame praise applaud thank question challenge dispute reject dismiss
        read
        """);

    /// <summary>Speech verbs whose object is the addressee, not part of the message ("told reporters …").</summary>
    public static readonly HashSet<string> Addressed = Set("tell ask inform remind assure warn urge advise brief");

    /// <summary>Verbs of belief and intention: attributed too, but only with a clause complement.</summary>
    public static readonly HashSet<string> Belief = Set("""
        think believe hope fear expect feel know worry doubt suspect suppose assume figure reckon
        understand realize realise recognize recognise imagine guess bet trust
        show find learn conclude
        """);

    /// <summary>Verbs whose object and infinitive together are the message ("urged the US to stop").</summary>
    public static readonly HashSet<string> Directive = Set("""
        urge ask call tell warn order instruct advise encourage press implore beg invite challenge remind
        pressure push demand request direct
        """);

    /// <summary>Verbs whose message is an object plus a description ("described it as reckless", "called him a liar").</summary>
    public static readonly HashSet<string> Labelling = Set("describe call label brand characterize characterise dub deem");

    /// <summary>Verbs whose message can be a plain object ("denied the report", "confirmed the meeting").</summary>
    public static readonly HashSet<string> ObjectMessage = Set("""
        deny confirm announce reveal disclose acknowledge admit predict promise pledge propose reject dismiss
        dispute criticize criticise praise demand question defend endorse support oppose back slam blast attack
        accuse blame condemn denounce applaud welcome cite mention want seek suggest recommend tout dispute
        rule decry mock ridicule lambaste fault
        """);

    /// <summary>Verbs whose infinitive complement is the attributed intention ("plans to run", "refused to comment").</summary>
    public static readonly HashSet<string> Intention = Set("""
        want plan seek intend hope expect try refuse decline promise vow pledge threaten agree offer ask demand
        aim vote decide prefer wish propose
        """);

    /// <summary>Verb + preposition whose object is the message ("called for", "pointed to", "spoke of").</summary>
    public static readonly Dictionary<string, string[]> PrepositionMessage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["call"] = ["for", "on"], ["point"] = ["to"], ["refer"] = ["to"], ["speak"] = ["of", "about"],
        ["talk"] = ["about"], ["complain"] = ["about"], ["warn"] = ["about", "of", "against"], ["argue"] = ["for", "against"],
        ["push"] = ["for"], ["advocate"] = ["for"], ["testify"] = ["about"], ["boast"] = ["about", "of"],
        ["brag"] = ["about"], ["joke"] = ["about"], ["write"] = ["about"], ["comment"] = ["on"], ["react"] = ["to"],
        ["respond"] = ["to"], ["vote"] = ["for", "against"], ["campaign"] = ["for", "against"],
    };

    /// <summary>Nouns that name a passed-on statement or its carrier ("a statement from her spokesperson").</summary>
    public static readonly HashSet<string> Relays = Set("""
        statement spokesman spokeswoman spokesperson spokespeople aide aides representative representatives
        lawyer lawyers attorney attorneys office press release communique post tweet letter memo interview
        """);

    /// <summary>Nouns that carry a statement but are not themselves a speaker ("a statement", "a tweet").</summary>
    public static readonly HashSet<string> Carriers = Set("statement release communique post tweet letter memo interview report message email remarks speech");

    /// <summary>Heads of a source that is unnamed on purpose ("a source with knowledge of the matter").</summary>
    public static readonly HashSet<string> UnnamedHeads = Set("""
        source sources official officials person people insider insiders aide aides diplomat diplomats
        officer officers someone witness witnesses analyst analysts expert experts observer observers
        """);

    /// <summary>Words in a source phrase that make it anonymous ("familiar with", "on condition of anonymity").</summary>
    public static readonly HashSet<string> AnonymityMarkers = Set("familiar knowledge anonymity anonymous unnamed unidentified");

    /// <summary>Nouns naming a person by office or standing, for "the official" / "China's top diplomat".</summary>
    public static readonly HashSet<string> PersonHeads = Set("""
        president chancellor premier minister secretary senator congressman congresswoman lawmaker legislator
        governor mayor speaker chairman chairwoman chair founder executive director manager head chief leader
        commissioner commander general ambassador envoy diplomat official spokesman spokeswoman spokesperson
        adviser advisor aide attorney prosecutor lawyer judge king queen prince pope candidate nominee nominee
        economist analyst strategist researcher professor editor reporter officer negotiator activist owner
        """);

    /// <summary>Nouns naming an organisation by kind, for "the newspaper said".</summary>
    public static readonly HashSet<string> OrgHeads = Set("""
        company firm group corporation bank agency ministry department newspaper paper daily publisher network
        broadcaster campaign committee party government administration office council court union association
        organization organisation institute university firm
        """);

    public static bool IsCueVerb(string lemma) =>
        Speech.Contains(lemma) || Belief.Contains(lemma) || Directive.Contains(lemma) || Labelling.Contains(lemma)
        || ObjectMessage.Contains(lemma) || Intention.Contains(lemma) || PrepositionMessage.ContainsKey(lemma);

    /// <summary>Third-person personal pronouns a speaker can be ("he said", "they argued").</summary>
    public static readonly HashSet<string> PersonPronouns = Set("he she him her");

    public static readonly HashSet<string> OtherPronouns = Set("it they them we i you who which that");
}
