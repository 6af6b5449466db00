namespace Storyline.Entities.Roles;

/// <summary>
/// Vocabulary for role and title phrases: head nouns (what a person is: minister, spokeswoman, CEO),
/// modifiers that may precede a head (foreign, prime, deputy, health, chief), and organisation head nouns
/// (carmaker, bank, ministry) for descriptions of organisations. General English news vocabulary; a role
/// is any modifier* head sequence, so combinations ("caretaker prime minister", "Fire Chief") need no entry.
/// </summary>
internal static class RoleLexicon
{
    private static HashSet<string> Set(string words) =>
        new(words.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);

    /// <summary>Nouns that name a person's office, job or standing.</summary>
    public static readonly HashSet<string> Heads = Set("""
        president president-elect vice-president chancellor premier minister secretary secretary-general
        secretary-of-state undersecretary under-secretary senator congressman congresswoman congressperson
        representative lawmaker legislator mp mep deputy governor mayor councillor councilor councilman councilwoman
        alderman speaker chairman chairwoman chairperson chair ceo cfo coo cto cio founder co-founder cofounder owner
        executive director director-general manager head chief leader boss commissioner commander general admiral
        colonel lieutenant major captain sergeant officer inspector detective constable marshal sheriff
        ambassador envoy diplomat consul attache spokesman spokeswoman spokesperson adviser advisor aide counsel
        attorney attorney-general prosecutor lawyer judge justice magistrate solicitor barrister
        king queen prince princess emperor empress monarch sultan emir sheikh crown-prince pope cardinal archbishop
        bishop priest imam rabbi pastor cleric ayatollah patriarch
        treasurer comptroller auditor ombudsman regulator registrar administrator superintendent
        professor lecturer researcher scientist economist analyst strategist historian expert
        editor correspondent reporter journalist columnist commentator anchor presenter photographer
        author writer novelist poet playwright filmmaker producer actor actress singer rapper musician artist
        coach trainer striker forward midfielder defender goalkeeper winger quarterback pitcher captain
        player champion athlete cyclist driver boxer swimmer runner sprinter
        candidate nominee frontrunner challenger incumbent rival negotiator mediator
        activist campaigner dissident organiser organizer
        billionaire tycoon entrepreneur investor banker financier businessman businesswoman
        economist partner principal dean rector provost chancellor-elect president-designate
        governor-general viceroy regent premier-elect taoiseach tanaiste
        """);

    /// <summary>Words that modify a role head ("foreign minister", "deputy chief", "Police Chief").</summary>
    public static readonly HashSet<string> Modifiers = Set("""
        foreign prime vice deputy chief senior junior top acting interim caretaker former outgoing incoming
        then new first second assistant associate principal lead head joint co general executive managing
        supreme grand special permanent parliamentary presidential national federal state provincial regional
        local city county municipal district public
        finance financial economy economic trade commerce industry industrial energy environment environmental
        climate health education labour labor employment justice interior home defence defense security
        homeland intelligence treasury budget fiscal monetary transport transportation infrastructure housing
        agriculture agricultural farm food fisheries culture cultural tourism sport sports youth women family
        science technology digital communications communication information media press social welfare
        immigration migration development foreign-affairs affairs human rights water mining oil
        police fire army military navy naval air force marine coast guard border customs
        opposition majority minority party union labour-party ruling government cabinet
        team club company campaign policy research investment operating technical creative medical legal
        nuclear space arms peace refugee humanitarian election electoral staff
        """);

    /// <summary>Nouns that head a description of an organisation ("the French carmaker", "the country's largest bank").</summary>
    public static readonly HashSet<string> OrgHeads = Set("""
        company firm group conglomerate corporation carmaker automaker manufacturer maker producer supplier
        retailer chain bank lender insurer broker exchange fund investor airline carrier railway railroad
        operator utility miner driller broadcaster network newspaper publisher agency ministry department
        office regulator party movement coalition alliance union federation association club team university
        college school institute hospital court parliament assembly council army militia organisation organization
        startup start-up giant champion brand developer platform website service outlet daily weekly tabloid
        """);

    /// <summary>Courtesy titles stripped from names ("Mrs. Merkel" is Merkel).</summary>
    public static readonly HashSet<string> Honorifics = Set("Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Sir Dame Lord Lady Mx Mx. Messrs Messrs. Mme Mme. M.");

    /// <summary>Title abbreviations expanded in output ("Sen." → "Senator").</summary>
    public static readonly Dictionary<string, string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Sen."] = "Senator", ["Sen"] = "Senator", ["Rep."] = "Representative", ["Gov."] = "Governor",
        ["Gen."] = "General", ["Lt."] = "Lieutenant", ["Col."] = "Colonel", ["Capt."] = "Captain",
        ["Sgt."] = "Sergeant", ["Adm."] = "Admiral", ["Maj."] = "Major", ["Prof."] = "Professor",
        ["Supt."] = "Superintendent", ["Insp."] = "Inspector", ["Det."] = "Detective", ["Pres."] = "President",
        ["Amb."] = "Ambassador", ["Cmdr."] = "Commander",
    };

    /// <summary>Determiners and possessive pronouns that may open a role phrase.</summary>
    public static readonly HashSet<string> Determiners = Set("the a an its his her their our this that");

    /// <summary>Words between "who" and a copula or after it that do not change the role ("who was then ...").</summary>
    public static readonly HashSet<string> Adverbs = Set("then now also currently previously once formerly still later already since recently long newly");

    /// <summary>Linking verbs for "X, who is secretary of state" / "X became chancellor".</summary>
    public static readonly HashSet<string> Copulas = Set("is was became becomes remains remained serves served");

    /// <summary>Copula phrases of two words ("has been", "served as").</summary>
    public static readonly (string, string)[] Copulas2 = [("has", "been"), ("had", "been"), ("have", "been"), ("serves", "as"), ("served", "as"), ("is", "now"), ("will", "be")];

    /// <summary>Prepositions introducing a role complement ("minister of Brazil", "spokeswoman for the ministry").</summary>
    public static readonly HashSet<string> ComplementPrepositions = Set("of for at with to");

    public static bool IsHead(string w) => Heads.Contains(w) || Abbreviations.ContainsKey(w) || IsPrefixedHead(w);

    public static bool IsModifier(string w) => Modifiers.Contains(w);

    // "ex-president", "then-chancellor", "vice-chair": a prefix joined to a head.
    private static bool IsPrefixedHead(string w)
    {
        int h = w.IndexOf('-');
        if (h <= 0 || h == w.Length - 1) return false;
        var pre = w[..h];
        return (pre.Equals("ex", StringComparison.OrdinalIgnoreCase) || pre.Equals("then", StringComparison.OrdinalIgnoreCase)
                || pre.Equals("vice", StringComparison.OrdinalIgnoreCase) || pre.Equals("co", StringComparison.OrdinalIgnoreCase)
                || pre.Equals("deputy", StringComparison.OrdinalIgnoreCase))
               && Heads.Contains(w[(h + 1)..]);
    }

    /// <summary>Superlatives and rank words that modify an organisation description ("largest", "second-biggest").</summary>
    public static bool IsOrgModifier(string w) =>
        Modifiers.Contains(w) || OrgModifiers.Contains(w) || w.EndsWith("est", StringComparison.OrdinalIgnoreCase) && w.Length > 4;

    private static readonly HashSet<string> OrgModifiers = Set("""
        leading major state-owned state-run privately-held listed troubled embattled rival tech technology oil
        energy media auto car steel chip software internet online defence defense aerospace pharmaceutical drug
        investment mining telecom telecoms retail fashion luxury football soccer private public holding parent
        """);
}
