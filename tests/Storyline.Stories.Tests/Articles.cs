namespace Storyline.Stories.Tests;

/// <summary>Hand-written articles for the tests (invented events, not taken from any corpus).</summary>
internal static class Articles
{
    public const string Ferry =
        "A passenger ferry ran aground near the island of Korsholm on Tuesday morning, forcing the evacuation of 214 people, the regional coast guard said.\n\n" +
        "The vessel, the Nordlys Star, struck a sandbank about two kilometres from the harbour shortly after 7 a.m. in thick fog. Coast guard spokesman Henrik Aalto said nobody was seriously hurt.\n\n" +
        "\"The crew acted quickly and calmly, and every passenger was brought ashore within three hours,\" Aalto told reporters at the harbour.\n\n" +
        "Investigators from the Maritime Safety Board will examine whether the ferry's radar was working properly. The operator, Baltic Lines, said it would cooperate fully with the inquiry.\n\n" +
        "The Nordlys Star has operated the route between Korsholm and the mainland since 2011 and carries about 90,000 passengers a year.";

    public const string Library =
        "The city council approved a plan on Thursday to build a new public library in the Eastgate district, ending years of debate over the site.\n\n" +
        "Councillors voted 9 to 4 in favour of the design by the architecture firm Moller and Sons, which includes a reading garden on the roof and a children's wing.\n\n" +
        "Mayor Clara Jensen called the vote a victory for readers of all ages. Opponents argued that the 38 million euro budget would be better spent on repairing schools.\n\n" +
        "Construction is expected to begin next spring and last about two years, officials said.";

    public static string Scrape(string article) =>
        "Home | News | Local | Sports | Weather\n\nAdvertisement\n\nShare on Facebook  Share on Twitter  Email\n\n" + article +
        "\n\nRelated stories\n\nTraffic delays expected on the coastal highway this weekend\n\nLocal bakery wins national award for its rye bread\n\n" +
        "About Us | Contact | Privacy Policy\n\n© 2024 Coastal Daily. All rights reserved.";

    public static string WithParagraph(string article) =>
        article + "\n\nIn a separate incident last month, a cargo ship lost power off the same coast and had to be towed to port by two tugboats, the coast guard added.";

    /// <summary>A content-farm style rewrite of <see cref="Ferry"/>: same facts, names, numbers and quote, reworded sentences.</summary>
    public const string FerryRewrite =
        "On Tuesday morning a passenger ferry went aground close to the island of Korsholm, and 214 people had to be evacuated, according to the regional coast guard.\n\n" +
        "In thick fog, the Nordlys Star hit a sandbank roughly two kilometres from the harbour just after 7 a.m. Nobody was seriously injured, coast guard spokesman Henrik Aalto stated.\n\n" +
        "\"The crew acted quickly and calmly, and every passenger was brought ashore within three hours,\" Aalto said to journalists at the harbour.\n\n" +
        "The Maritime Safety Board will investigate whether the radar of the ferry was functioning correctly. Baltic Lines, which operates the ship, stated it would fully cooperate with the investigation.\n\n" +
        "Since 2011 the Nordlys Star has served the route between the mainland and Korsholm, carrying roughly 90,000 passengers every year.";

    public const string SummitBefore =
        "Foreign ministers from Arvenia and Dolmark will meet on Saturday in Geneva to discuss the disputed Velka river dam, officials in both capitals said.\n\n" +
        "The talks, brokered by Swiss diplomats, are the first direct contact between Arvenian minister Tomas Ravel and his Dolmark counterpart Ingrid Soberg since the dam dispute began.\n\n" +
        "Farmers downstream in Dolmark say the Velka dam has cut water flows by a third.";

    public const string SummitAfter =
        "Arvenian foreign minister Tomas Ravel and Dolmark's Ingrid Soberg met on Saturday in Geneva and agreed to set up a joint commission on the Velka river dam.\n\n" +
        "The commission will measure water flows at the dam every month, Ravel told reporters after the talks, which were brokered by Swiss diplomats.\n\n" +
        "Soberg said Dolmark farmers needed more water before the summer, and that the Velka dispute was not yet settled.";

    public const string QuakeA =
        "A magnitude 6.1 earthquake struck the mountainous Tarsk province of Veloria early on Monday, killing at least 12 people and damaging hundreds of homes, the Velorian emergency ministry said.\n\n" +
        "The quake's epicentre was near the town of Brenik, at a depth of 10 kilometres. Rescue teams were searching collapsed buildings in Brenik and the nearby village of Olm.\n\n" +
        "Velorian president Marek Dusan said the army would deliver tents and water to Tarsk province.";

    public const string QuakeA2 =
        "Rescuers in Veloria's Tarsk province pulled survivors from the rubble in Brenik on Tuesday, a day after a magnitude 6.1 earthquake killed at least 12 people.\n\n" +
        "The emergency ministry said the death toll in Brenik and Olm could rise. President Marek Dusan visited Brenik and promised to rebuild damaged homes in Tarsk province.";

    public const string QuakeB =
        "A magnitude 5.4 earthquake shook the coastal city of Portamar in southern Castavia on Thursday, injuring 30 people and cutting power to thousands of homes, Castavian officials said.\n\n" +
        "The epicentre was 20 kilometres off the coast of Portamar. Castavian prime minister Elena Ruiz said hospitals in Portamar were treating the injured.\n\n" +
        "No tsunami warning was issued, the Castavian seismology institute said.";
}
