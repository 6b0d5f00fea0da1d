/**
 * What customers and staff write in the story, in each demo dealer's language: a few
 * accounts per category, so the queue reads like a real desk's.
 */
export type StoryLanguage = 'nb' | 'sv' | 'nl';

export const STORY_CATEGORIES = [
  'waiting-time', 'communication', 'workmanship', 'parts-availability', 'staff-attitude', 'pricing', 'process', 'vehicle-damage', 'product',
] as const;
export type StoryCategory = (typeof STORY_CATEGORIES)[number];

type Lines = Record<StoryCategory, string[]>;

export const ACCOUNTS: Record<StoryLanguage, Lines> = {
  nb: {
    'waiting-time': [
      'Jeg hadde time til service kl. 08:00, men bilen ble ikke tatt inn før kl. 10:30. Ingen sa fra om forsinkelsen.',
      'Ventet over en time i resepsjonen for å hente bilen, selv om jeg fikk SMS om at den var klar.',
      'Jeg ventet 40 minutter på en selger som aldri kom. Jeg gikk til slutt.',
    ],
    communication: [
      'Ingen ringte meg da verkstedet fant flere feil. Jeg fikk vite det først da jeg skulle betale.',
      'Jeg har sendt tre e-poster om leveringsdatoen for den nye bilen og ikke fått svar.',
      'Det ble lovet at noen skulle ringe meg i går. Ingen ringte.',
    ],
    workmanship: [
      'Raslingen i dashbordet er der fortsatt etter andre verkstedbesøk.',
      'Varsellampen for dekktrykk lyser igjen dagen etter at dere sa den var fikset.',
    ],
    'parts-availability': [
      'Vinterhjulene jeg bestilte for tre uker siden har fortsatt ikke kommet, og ingen sier når.',
      'Bilen har stått på verkstedet i ti dager fordi en del mangler.',
    ],
    'staff-attitude': [
      'Mekanikeren var nedlatende da jeg spurte hva som var gjort med bilen.',
      'Selgeren svarte i telefonen midt i samtalen vår og lot meg sitte.',
    ],
    pricing: [
      'Regningen var nesten 3 000 kroner høyere enn tilbudet, uten at noen spurte meg først.',
      'Jeg ble belastet for en oljeskift som var inkludert i serviceavtalen.',
    ],
    process: [
      'Lånebilen var ikke klar da jeg kom, selv om den var bestilt en uke i forveien.',
      'Jeg måtte fylle ut de samme papirene tre ganger ved levering av bilen.',
    ],
    'vehicle-damage': [
      'Bilen kom tilbake med en ripe i panseret som ikke var der før.',
      'Det var oljeflekker på setet etter verkstedbesøket.',
    ],
    product: [
      'Rekkevidden på vinteren er langt under det som ble lovet ved kjøpet.',
      'Infotainmentskjermen starter på nytt flere ganger i uken.',
    ],
  },
  sv: {
    'waiting-time': [
      'Jag hade tid för service klockan 08:00 men bilen togs inte in förrän 10:30. Ingen sa något om förseningen.',
      'Jag väntade över en timme i receptionen på att få hämta bilen trots att jag fått sms om att den var klar.',
      'Jag väntade 40 minuter på en säljare som aldrig kom, och gick till slut därifrån.',
    ],
    communication: [
      'Ingen ringde när verkstaden hittade fler fel. Jag fick veta det först vid betalningen.',
      'Jag har mejlat tre gånger om leveransdatum för min nya bil utan att få svar.',
      'Ni lovade att ringa mig i går. Ingen hörde av sig.',
    ],
    workmanship: [
      'Skramlet i instrumentbrädan finns kvar efter det andra verkstadsbesöket.',
      'Varningslampan för däcktryck lyser igen dagen efter att ni sa att felet var åtgärdat.',
    ],
    'parts-availability': [
      'Vinterdäcken jag beställde för tre veckor sedan har fortfarande inte kommit och ingen vet när de kommer.',
      'Bilen har stått på verkstaden i tio dagar eftersom en reservdel saknas.',
    ],
    'staff-attitude': [
      'Mekanikern var nedlåtande när jag frågade vad som hade gjorts med bilen.',
      'Säljaren svarade i telefon mitt i vårt möte och lät mig sitta och vänta.',
    ],
    pricing: [
      'Fakturan var nästan 2 500 kronor högre än offerten, utan att någon frågade mig först.',
      'Jag debiterades för ett oljebyte som ingick i serviceavtalet.',
    ],
    process: [
      'Lånebilen var inte klar när jag kom, trots att den var bokad en vecka i förväg.',
      'Jag fick fylla i samma papper tre gånger vid leveransen av bilen.',
    ],
    'vehicle-damage': [
      'Bilen kom tillbaka med en repa på motorhuven som inte fanns där tidigare.',
      'Det var oljefläckar på förarsätet efter verkstadsbesöket.',
    ],
    product: [
      'Räckvidden på vintern är långt under det som utlovades vid köpet.',
      'Skärmen i mittkonsolen startar om flera gånger i veckan.',
    ],
  },
  nl: {
    'waiting-time': [
      'Ik had om 8:00 een afspraak voor onderhoud, maar mijn auto werd pas om 10:30 binnengenomen. Niemand meldde de vertraging.',
      'Ik heb ruim een uur bij de balie gewacht om mijn auto op te halen, terwijl ik een sms had gekregen dat hij klaarstond.',
      'Ik heb 40 minuten op een verkoper gewacht die nooit kwam. Uiteindelijk ben ik weggegaan.',
    ],
    communication: [
      'Niemand belde toen de werkplaats meer gebreken vond. Ik hoorde het pas bij het afrekenen.',
      'Ik heb drie keer gemaild over de leverdatum van mijn nieuwe auto en nog steeds geen antwoord.',
      'U zou mij gisteren terugbellen. Niemand heeft gebeld.',
    ],
    workmanship: [
      'Het geratel in het dashboard is er nog steeds, na het tweede bezoek aan de werkplaats.',
      'Het waarschuwingslampje voor de bandenspanning brandt weer, een dag nadat u zei dat het verholpen was.',
    ],
    'parts-availability': [
      'De winterbanden die ik drie weken geleden heb besteld zijn er nog steeds niet, en niemand weet wanneer ze komen.',
      'Mijn auto staat al tien dagen in de werkplaats omdat er een onderdeel ontbreekt.',
    ],
    'staff-attitude': [
      'De monteur deed neerbuigend toen ik vroeg wat er aan mijn auto was gedaan.',
      'De verkoper nam midden in ons gesprek de telefoon op en liet mij zitten.',
    ],
    pricing: [
      'De factuur was bijna 250 euro hoger dan de offerte, zonder dat iemand het mij eerst vroeg.',
      'Er werd een olieverversing in rekening gebracht die in mijn onderhoudscontract zit.',
    ],
    process: [
      'De leenauto stond niet klaar toen ik kwam, terwijl hij een week van tevoren was gereserveerd.',
      'Bij de aflevering van mijn auto moest ik drie keer dezelfde formulieren invullen.',
    ],
    'vehicle-damage': [
      'Mijn auto kwam terug met een kras op de motorkap die er eerst niet zat.',
      'Er zaten olievlekken op de bestuurdersstoel na het werkplaatsbezoek.',
    ],
    product: [
      'De actieradius in de winter is veel lager dan bij de aankoop werd beloofd.',
      'Het scherm in de middenconsole start meerdere keren per week opnieuw op.',
    ],
  },
};

export const DESIRED: Record<StoryLanguage, string[]> = {
  nb: ['En forklaring og en unnskyldning.', 'At feilen blir rettet ordentlig denne gangen.', 'Få vite når jeg kan få bilen tilbake.', 'At regningen blir korrigert.'],
  sv: ['En förklaring och en ursäkt.', 'Att felet åtgärdas ordentligt den här gången.', 'Att få veta när jag får tillbaka bilen.', 'Att fakturan rättas.'],
  nl: ['Een uitleg en excuses.', 'Dat het deze keer goed wordt opgelost.', 'Weten wanneer ik mijn auto terugkrijg.', 'Dat de factuur wordt gecorrigeerd.'],
};

export const APOLOGIES: Record<StoryLanguage, string[]> = {
  nb: ['Vi beklager virkelig det som skjedde. Vi ser på saken nå og kommer tilbake til deg innen i morgen.', 'Beklager at vi ikke holdt det vi lovet. Du hører fra oss så snart vi vet mer.'],
  sv: ['Vi ber verkligen om ursäkt för det som hände. Vi tittar på ärendet nu och återkommer senast i morgon.', 'Förlåt att vi inte höll vad vi lovade. Du hör av oss så snart vi vet mer.'],
  nl: ['Onze excuses voor wat er is gebeurd. We zoeken het nu uit en laten het u uiterlijk morgen weten.', 'Het spijt ons dat we onze afspraak niet zijn nagekomen. U hoort van ons zodra we meer weten.'],
};

/** What the dealer agrees to do, per root cause (staff write these in the dealer's language too). */
export const ACTIONS: Record<StoryLanguage, Record<string, string>> = {
  nb: {
    'waiting-time': 'Faste innleveringstider og en egen person i resepsjonen om morgenen.',
    communication: 'Kunden ringes ved hver endring; rådgiver følger opp daglig.',
    workmanship: 'Ny feilsøking med verkstedsjef og prøvekjøring sammen med kunden.',
    'parts-availability': 'Delen hurtigbestilt fra sentrallager; lånebil til den er montert.',
    'staff-attitude': 'Samtale med den ansatte; kunden får en fast kontaktperson.',
    pricing: 'Fakturaen er korrigert og differansen tilbakebetalt.',
    process: 'Rutinen for klargjøring av lånebiler er endret.',
    product: 'Saken er meldt til importøren; programvareoppdatering bestilt.',
    other: 'Gjennomgått med kunden og avtalt videre oppfølging.',
  },
  sv: {
    'waiting-time': 'Fasta inlämningstider och en extra person i receptionen på morgonen.',
    communication: 'Kunden ringer vi vid varje ändring; servicerådgivaren följer upp dagligen.',
    workmanship: 'Ny felsökning med verkstadschefen och provkörning tillsammans med kunden.',
    'parts-availability': 'Delen snabbeställd från centrallagret; lånebil tills den är monterad.',
    'staff-attitude': 'Samtal med medarbetaren; kunden får en fast kontaktperson.',
    pricing: 'Fakturan är rättad och mellanskillnaden återbetald.',
    process: 'Rutinen för att iordningställa lånebilar är ändrad.',
    product: 'Ärendet är anmält till importören; programuppdatering beställd.',
    other: 'Genomgånget med kunden och fortsatt uppföljning avtalad.',
  },
  nl: {
    'waiting-time': 'Vaste inlevertijden en een extra medewerker aan de balie in de ochtend.',
    communication: 'We bellen de klant bij elke wijziging; de adviseur volgt dagelijks op.',
    workmanship: 'Nieuwe diagnose door de chef werkplaats en een proefrit samen met de klant.',
    'parts-availability': 'Onderdeel met spoed besteld bij het centrale magazijn; leenauto tot het is gemonteerd.',
    'staff-attitude': 'Gesprek met de medewerker; de klant krijgt een vaste contactpersoon.',
    pricing: 'De factuur is gecorrigeerd en het verschil terugbetaald.',
    process: 'De werkwijze voor het klaarzetten van leenauto\u2019s is aangepast.',
    product: 'Gemeld bij de importeur; software-update besteld.',
    other: 'Met de klant doorgenomen en vervolg afgesproken.',
  },
};

export const RATING_COMMENTS: Record<StoryLanguage, { good: string[]; poor: string[] }> = {
  nb: { good: ['Takk for at dere tok dette på alvor.', 'Godt løst til slutt.'], poor: ['Problemet er der fortsatt.', 'Fortsatt ikke fornøyd.'] },
  sv: { good: ['Tack för att ni tog det på allvar.', 'Bra löst till slut.'], poor: ['Problemet finns kvar.', 'Fortfarande inte nöjd.'] },
  nl: { good: ['Bedankt dat u dit serieus hebt genomen.', 'Uiteindelijk goed opgelost.'], poor: ['Het probleem is er nog steeds.', 'Nog steeds niet tevreden.'] },
};

export const NO_COMPENSATION: Record<StoryLanguage, string> = {
  nb: 'Kunden ønsket kun en forklaring.',
  sv: 'Kunden ville bara ha en förklaring.',
  nl: 'De klant wilde alleen een uitleg.',
};

export const ESCALATION_REASON: Record<StoryLanguage, string> = {
  nb: 'Kunden truer med å gå til en annen forhandler.',
  sv: 'Kunden hotar att byta till en annan återförsäljare.',
  nl: 'De klant dreigt naar een andere dealer te gaan.',
};

export const FIRST_NAMES: Record<StoryLanguage, string[]> = {
  nb: ['Kari', 'Ola', 'Ingrid', 'Lars', 'Silje', 'Henrik', 'Marit', 'Anders', 'Nora', 'Eirik', 'Hanne', 'Jonas', 'Tone', 'Magnus', 'Sigrid', 'Per'],
  sv: ['Anna', 'Erik', 'Maria', 'Karl', 'Sara', 'Johan', 'Emma', 'Lars', 'Elin', 'Anders', 'Karin', 'Oskar', 'Frida', 'Nils', 'Lena', 'Gustav'],
  nl: ['Sanne', 'Joost', 'Anouk', 'Pieter', 'Lotte', 'Daan', 'Femke', 'Bram', 'Eva', 'Thijs', 'Marieke', 'Ruben', 'Inge', 'Jeroen', 'Sophie', 'Koen'],
};

export const LAST_NAMES: Record<StoryLanguage, string[]> = {
  nb: ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Haugen', 'Berg'],
  sv: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Lindqvist', 'Ek'],
  nl: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Bos'],
};
