using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Zxcvbn.Matcher;

namespace Uhrwerk.Server.Modules.Accounts.Identity;

/// <summary>
/// OWASP ASVS V2.1: at least 8 characters, at most 128, no composition rules, and no password an
/// attacker would guess early. The zxcvbn estimator judges the guessability against its English
/// dictionaries plus our German words, the list of common passwords and what the attacker knows
/// of this user (name, e-mail, company); a refusal says which pattern made the password weak.
/// </summary>
internal sealed class PassphrasePolicy(UhrwerkDbContext db) : IPasswordValidator<UserAccount>
{
    public const int MaxLength = 128;

    // zxcvbn's score 3 means about 10^8 guesses: safe against online guessing, and still reached by a short sentence.
    private const int MinScore = 3;

    // Loads its English dictionaries once, not for every password.
    private static readonly Zxcvbn.Zxcvbn Estimator = new(Zxcvbn.Translation.English);

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(() => Lines("common-passwords.txt").ToHashSet(StringComparer.OrdinalIgnoreCase));

    private static readonly Lazy<IReadOnlyList<string>> KnownWords = new(() =>
        Lines("german-words.txt").Concat(CommonPasswords.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList());

    public async Task<IdentityResult> ValidateAsync(UserManager<UserAccount> manager, UserAccount user, string? password)
    {
        if (password is null || password.Length > MaxLength)
        {
            return Refused("PasswordTooLong", T.Format("Password.TooLong", MaxLength));
        }

        var personal = await PersonalWordsAsync(user);
        // The estimator ranks user inputs like a dictionary, best known first: this user's own words, then German words and common passwords.
        var result = Estimator.EvaluatePassword(password, personal.Concat(KnownWords.Value));
        return result.Score >= MinScore ? IdentityResult.Success : Refused("PasswordTooWeak", ReasonFor(result, personal));
    }

    /// <summary>The weakest part of the password (the longest pattern the estimator found) names the reason.</summary>
    private static string ReasonFor(Zxcvbn.Result result, IReadOnlyList<string> personal)
    {
        var weakest = result.MatchSequence.Where(m => m.Pattern != "bruteforce").MaxBy(m => m.Token.Length);
        var key = weakest switch
        {
            { Pattern: "repeat" } => "Password.Weak.Repeat",
            { Pattern: "sequence" } => "Password.Weak.Sequence",
            { Pattern: "spatial" } => "Password.Weak.Keyboard",
            { Pattern: "date" or "year" or "digits" } => "Password.Weak.Dates",
            DictionaryMatch { DictionaryName: "user_inputs" } d when personal.Contains(d.MatchedWord, StringComparer.OrdinalIgnoreCase) => "Password.Weak.Personal",
            DictionaryMatch { DictionaryName: "passwords" } => "Password.Weak.Common",
            DictionaryMatch { DictionaryName: "user_inputs" } d when CommonPasswords.Value.Contains(d.MatchedWord) => "Password.Weak.Common",
            DictionaryMatch => "Password.Weak.Words",
            _ => "Password.Weak.Short",
        };
        return $"{T.Get(key)} {T.Get("Password.Weak.Hint")}";
    }

    private async Task<IReadOnlyList<string>> PersonalWordsAsync(UserAccount user)
    {
        var company = user.CompanyId is { } companyId
            ? await db.Companies.IgnoreQueryFilters().Where(c => c.Id == companyId).Select(c => c.Name).SingleOrDefaultAsync()
            : null;
        return new[] { user.DisplayName, user.Email, user.PendingEmail, company }
            .SelectMany(text => (text ?? "").Split([' ', '@', '.', '-', '_', ',', '&'], StringSplitOptions.RemoveEmptyEntries))
            .Where(word => word.Length >= 3)
            .Select(word => word.ToLowerInvariant())
            .Distinct()
            .ToList();
    }

    private static IdentityResult Refused(string code, string description) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = description });

    private static IEnumerable<string> Lines(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Uhrwerk.Server.Modules.Accounts.Identity." + file)
            ?? throw new InvalidOperationException($"The word list {file} is missing.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } word)
            {
                words.Add(word);
            }
        }

        return words;
    }
}

/// <summary>Identity's own password messages in the request's language.</summary>
internal sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = T.Format("Password.TooShort", length) };
}
