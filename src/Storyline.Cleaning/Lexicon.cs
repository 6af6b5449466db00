using System.Collections.Frozen;

namespace Storyline.Cleaning;

/// <summary>
/// Small word lists of the debris classes named in issue 3 (UI strings of news sites in several languages).
/// They describe classes of debris, never the text of any particular input; whole-line matches only,
/// compared on <see cref="LineInfo.Key"/> (lower-case letters and digits, single spaces).
/// </summary>
internal static class Lexicon
{
    /// <summary>Function words of the languages in the training data; used for the stop-word ratio feature.</summary>
    public static readonly FrozenSet<string> Stopwords = new[]
    {
        // English
        "a","an","the","and","or","but","of","to","in","on","at","for","with","by","from","as","is","are","was","were",
        "be","been","has","have","had","it","its","that","this","which","who","he","she","they","we","i","you","his","her",
        "their","our","not","will","would","said","says","can","could","there","than","into","about","after","over","also",
        // German
        "der","die","das","und","oder","ist","sind","war","ein","eine","einer","eines","dem","den","des","mit","von","zu",
        "im","auf","für","nicht","sich","auch","es","sie","er","wir","ich","bei","aus","nach","wie","dass","wird","werden",
        // French
        "le","la","les","et","ou","est","sont","un","une","des","du","de","pour","avec","sur","dans","pas","il","elle","qui",
        "que","au","aux","ce","se",
        // Spanish / Italian / Portuguese / Polish (the most frequent few)
        "el","los","las","y","en","con","por","del","il","di","che","e","per","non","o","da","em","os","não","się","w","i","na","z","nie","jest",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Caption and image UI toggles.</summary>
    public static readonly FrozenSet<string> CaptionToggles = new[]
    {
        "hide caption","show caption","toggle caption","close caption","open caption","caption","expand caption",
        "enlarge this image","enlarge image","enlarge","expand image","expand","click to enlarge","click image to enlarge",
        "tap to enlarge","view larger image","view larger","view full size","view image","view full image","view gallery",
        "open gallery","launch gallery","view slideshow","zoom","zoom in","full screen","fullscreen","exit fullscreen",
        "bild vergrößern","bildunterschrift ausblenden","bildunterschrift einblenden","agrandir limage","ampliar imagen","ingrandisci",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Navigation entries that are never article text on a line of their own.</summary>
    public static readonly FrozenSet<string> Navigation = new[]
    {
        "home","menu","main menu","search","sections","navigation","toggle navigation","skip to content","skip to main content",
        "skip navigation","latest news","latest","news","breaking news","log in","login","sign in","sign up","register",
        "my account","account","subscribe","subscribe now","back","back to top","top","next","previous","prev","next article",
        "previous article","more","view all","see all","show all","load more","show more","close","open","you are here",
        "contact","contact us","about","about us","help","faq","opinion","world","politics","business","sport","sports","tech",
        "technology","science","health","entertainment","culture","lifestyle","travel","video","videos","podcasts","live",
        "startseite","suche","anmelden","abmelden","mehr","zurück","weiter","nachrichten","accueil","rechercher","connexion",
        "inicio","buscar","cerca","szukaj",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Labels that carry no content: sharing, printing, timestamps without values, ads.</summary>
    public static readonly FrozenSet<string> Labels = new[]
    {
        "published","published on","updated","last updated","updated on","posted","posted on","posted in","filed under",
        "share","share this","share this article","share this story","share article","share on facebook","share on twitter",
        "share on linkedin","share via email","share via","tweet","email","e mail","print","print this article","save",
        "save article","save for later","bookmark","comments","comment","0 comments","no comments","advertisement","ad",
        "sponsored","listen","listen to this article","audio","min read","reading time","copy link","link copied",
        "follow","follow us","pin it","save to pinterest","whatsapp","facebook","twitter","linkedin","pinterest","reddit","instagram","youtube","x",
        "teilen","drucken","kommentare","anzeige","werbung","artikel teilen","partager","imprimer","publicité","compartir",
        "condividi","udostępnij","reklama",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Headings that open a block of teasers to other stories.</summary>
    public static readonly FrozenSet<string> RelatedHeadings = new[]
    {
        "more like this","related","related stories","related articles","related article","related content","related coverage",
        "related news","related posts","related links","related topics","related reading","recommended","recommended for you",
        "recommended stories","recommended articles","recommended reading","you may also like","you might also like",
        "you may be interested in","you might be interested in","more stories","more news","more on this story","more on this",
        "more on this topic","most popular","most read","most viewed","most shared","popular","popular stories","trending",
        "trending now","trending stories","also read","see also","read next","up next","what to read next","further reading",
        "dont miss","editors picks","around the web","from the web","sponsored stories",
        "promoted stories","latest stories","top stories","more top stories","more from our network","read more","more to explore","keep reading",
        "mehr zum thema","das könnte sie auch interessieren","das könnte dich auch interessieren","lesen sie auch","weitere artikel",
        "auch interessant","ähnliche artikel","verwandte artikel","meistgelesen","à lire aussi","lire aussi","sur le même sujet",
        "articles similaires","noticias relacionadas","te puede interesar","leggi anche","czytaj także","zobacz także",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Photo agencies and stock libraries that appear in credit lines.</summary>
    public static readonly FrozenSet<string> Agencies = new[]
    {
        "getty","getty images","afp","reuters","ap","ap photo","associated press","epa","epa efe","shutterstock","istock","istockphoto",
        "alamy","bloomberg","dpa","keystone","imago","picture alliance","corbis","nurphoto","anadolu","sopa","xinhua","pool","efe",
        "ansa","tass","sipa","wireimage","filmmagic","zuma","zuma press","rex","rex features","pa","pa images","pa wire","press association",
        "upi","unsplash","pexels","wikimedia commons","handout","file photo","ddp","kyodo","yonhap",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Month names (several languages, full and short) for date-line detection.</summary>
    public static readonly FrozenSet<string> Months = new[]
    {
        "january","february","march","april","may","june","july","august","september","october","november","december",
        "jan","feb","mar","apr","jun","jul","aug","sep","sept","oct","nov","dec",
        "januar","jänner","februar","märz","mai","juni","juli","oktober","dezember",
        "janvier","février","mars","avril","juin","juillet","août","septembre","octobre","novembre","décembre",
        "enero","febrero","marzo","abril","mayo","junio","julio","agosto","septiembre","octubre","noviembre","diciembre",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that accompany dates and times in header lines.</summary>
    public static readonly FrozenSet<string> DateWords = new[]
    {
        "monday","tuesday","wednesday","thursday","friday","saturday","sunday","mon","tue","tues","wed","thu","thur","thurs","fri","sat","sun",
        "montag","dienstag","mittwoch","donnerstag","freitag","samstag","sonntag","lundi","mardi","mercredi","jeudi","vendredi","samedi","dimanche",
        "am","pm","a","m","p","gmt","utc","est","edt","cet","cest","bst","pst","pdt","et","pt","mez","uhr","h",
        "date","time","on","at","um","am","le","el","de","of","the","th","st","nd","rd","ago","hour","hours","minute","minutes","min","mins",
        "day","days","week","weeks","yesterday","today","published","updated","posted","modified","last","stand","veröffentlicht",
        "aktualisiert","erstellt","publié","mis","à","jour","publicado","actualizado",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that open a label line followed only by a date ("Updated 3 hours ago").</summary>
    public static readonly FrozenSet<string> LabelOpeners = new[]
    {
        "published","updated","posted","modified","last","first","created","veröffentlicht","aktualisiert","erstellt","stand",
        "publié","mis","publicado","actualizado","pubblicato","aggiornato","opublikowano",
    }.ToFrozenSet(StringComparer.Ordinal);
}
