using PhoneNumbers;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Accounts.Domain;

/// <summary>A mobile number for SMS and WhatsApp, stored in E.164 (+4917012345678); national numbers are read as German.</summary>
public static class MobileNumber
{
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    public static string Normalize(string text, string field = "mobile")
    {
        try
        {
            var number = Numbers.Parse(text, "DE");
            var type = Numbers.GetNumberType(number);
            if (Numbers.IsValidNumber(number) && type is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE)
            {
                return Numbers.Format(number, PhoneNumberFormat.E164);
            }
        }
        catch (NumberParseException)
        {
            // Reported below like any other invalid number.
        }

        throw ValidationFailedException.For(field, T.Format("Users.MobileInvalid", text));
    }
}
