/**
 * Passwords that top every published list of leaked passwords (and their 12-character and
 * longer variants, since shorter ones are refused anyway). Compared in lower case. Small on
 * purpose: it turns away the guesses an attacker tries first, not every weak password.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  // the classic top of the leaks
  '123456', 'password', '12345678', 'qwerty', '123456789', '12345', '1234', '111111', '1234567', 'dragon',
  '123123', 'baseball', 'abc123', 'football', 'monkey', 'letmein', '696969', 'shadow', 'master', '666666',
  'qwertyuiop', '123321', 'mustang', '1234567890', 'michael', '654321', 'superman', '1qaz2wsx', '7777777', '121212',
  '000000', 'qazwsx', '123qwe', 'killer', 'trustno1', 'jordan', 'jennifer', 'zxcvbnm', 'asdfgh', 'hunter',
  'buster', 'soccer', 'harley', 'batman', 'andrew', 'tigger', 'sunshine', 'iloveyou', '2000', 'charlie',
  'robert', 'thomas', 'hockey', 'ranger', 'daniel', 'starwars', 'klaster', '112233', 'george', 'computer',
  'michelle', 'jessica', 'pepper', '1111', 'zxcvbn', '555555', '11111111', '131313', 'freedom', '777777',
  'pass', 'maggie', '159753', 'aaaaaa', 'ginger', 'princess', 'joshua', 'cheese', 'amanda', 'summer',
  'love', 'ashley', 'nicole', 'chelsea', 'biteme', 'matthew', 'access', 'yankees', '987654321', 'dallas',
  'austin', 'thunder', 'taylor', 'matrix', 'welcome', 'admin', 'login', 'passw0rd', 'qwerty123', 'password1',
  // twelve characters and more: the ones a length rule alone lets through
  '123456789012', '1234567890123', '12345678901234', '123456123456', '123123123123', '111111111111', '000000000000',
  '121212121212', '123412341234', '987654321098', '098765432109', '112233445566', '123321123321', '147258369147',
  'password1234', 'password12345', 'password123456', 'password2024', 'password2025', 'password2026', 'password!234',
  'passwordpassword', 'password1password1', 'p@ssw0rd1234', 'p@ssword1234', 'passw0rd1234', 'mypassword123',
  'mypassword1234', 'newpassword1', 'newpassword123', 'newpassword1234', 'changeme1234', 'changemenow1', 'changeme123!',
  'letmein12345', 'letmein123456', 'letmeinletmein', 'welcome12345', 'welcome123456', 'welcome2024!', 'welcome2025!',
  'welcome2026!', 'welcomewelcome', 'welcome1welcome1', 'iloveyou1234', 'iloveyou12345', 'iloveyouiloveyou',
  'qwerty123456', 'qwertyuiop12', 'qwertyuiop123', 'qwertyuiopasdf', 'qwertyuiopasdfgh', 'qwertyuiopasdfghjkl',
  'qwertyqwerty', 'qwerty12345678', '1qaz2wsx3edc', '1qaz2wsx3edc4rfv', 'zaq12wsxcde3', 'zaq1zaq1zaq1',
  '1q2w3e4r5t6y', '1q2w3e4r5t6y7u', 'q1w2e3r4t5y6', 'a1b2c3d4e5f6', 'asdfghjkl123', 'asdfghjklasdf', 'asdfasdfasdf',
  'zxcvbnm12345', 'zxcvbnm123456', 'zxcvbnmasdfghjkl', 'abcdefghijkl', 'abcdefghijklm', 'abcdefg12345', 'abcd12345678',
  'abc123abc123', 'abcabcabcabc', 'aaaaaaaaaaaa', 'aaaaaaaaaaaaa', 'abcdefghijklmnop', 'administrator', 'administrator1',
  'admin1234567', 'adminadmin123', 'admin12345678', 'administrator123', 'rootpassword', 'superuser123', 'trustno1trustno1',
  'sunshine1234', 'princess1234', 'football1234', 'baseball1234', 'basketball12', 'basketball123', 'starwars1234',
  'superman1234', 'batman123456', 'monkey123456', 'dragon123456', 'shadow123456', 'master123456', 'michael12345',
  'charlie12345', 'jessica12345', 'jordan123456', 'liverpool123', 'chelsea12345', 'arsenal12345', 'manchester12',
  'manchesterunited', 'barcelona123', 'realmadrid12', 'pokemon12345', 'minecraft123', 'minecraft1234', 'fortnite1234',
  'computer1234', 'internet1234', 'whatever1234', 'trustme12345', 'nopassword12', 'secretpassword', 'mysecret1234',
  'topsecret123', 'secret123456', 'letmeinplease', 'pleaseletmein', 'opensesame12', 'iloveyoubaby', 'loveyou12345',
  'ilovemymom12', 'imissyou1234', 'freedom12345', 'summer123456', 'summer2024!!', 'summer2025!!', 'winter123456',
  'winter2024!!', 'spring123456', 'autumn123456', 'december1234', 'september123', 'november1234', 'october12345',
  'correcthorsebatterystaple', 'thequickbrownfox', 'thequickbrownfoxjumps', 'helloworld12', 'helloworld123',
  'hellohello12', 'goodmorning1', 'goodluck1234', 'happyday1234', 'blessed12345', 'jesus1234567', 'jesuschrist1',
  'godisgood123', 'passion12345', 'elephant1234', 'butterfly123', 'chocolate123', 'sweetheart12', 'cookie123456',
  'flower123456', 'pepper123456', 'ginger123456', 'hunter123456', 'killer123456', 'soccer123456', 'hockey123456',
  'tigger123456', 'buster123456', 'mustang12345', 'harley123456', 'ranger123456', 'thomas123456', 'robert123456',
  'daniel123456', 'matthew12345', 'andrew123456', 'joshua123456', 'nicole123456', 'ashley123456', 'amanda123456',
  // this product's own words: the first thing someone guessing at a dealer's staff would try
  'amends123456', 'amendsamends', 'amends-password', 'complaint123', 'complaints12', 'dealership123', 'dealer123456',
  'reception1234', 'receptionist1', 'customer1234', 'service12345', 'workshop1234', 'volvo1234567', 'toyota123456',
  'volkswagen12', 'mercedes1234', 'porsche12345', 'autohaus1234', 'autohuis1234', 'bilforhandler',
];

const LOOKUP = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

export function isCommonPassword(password: string): boolean {
  return LOOKUP.has(password.trim().toLowerCase());
}
