package dev.handoff.privacy;

import java.util.Locale;

/**
 * Check-digit and range rules of national identifiers: US SSN ranges, UK NINO prefixes, Aadhaar
 * (Verhoeff), German Steuer-ID (ISO 7064 MOD 11,10 plus digit distribution), Spanish DNI/NIE letter,
 * Italian codice fiscale control letter, Dutch BSN (11-proof), Austrian SVNR check digit.
 */
final class NationalIdChecks {

    private static final int[][] VERHOEFF_D = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
        {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
        {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] VERHOEFF_P = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
        {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
        {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16,
        10, 22, 25, 24, 23};
    private static final int[] SVNR_WEIGHTS = {3, 7, 9, 0, 5, 8, 4, 2, 1, 6};

    private NationalIdChecks() {
    }

    static String digits(final String value) {
        return value.replaceAll("\\D", "");
    }

    /** SSN area 000, 666 and 900-999, group 00 and serial 0000 were never issued. */
    static boolean validSsn(final String value) {
        final String d = digits(value);
        if (d.length() != 9) {
            return false;
        }
        final int area = Integer.parseInt(d.substring(0, 3));
        final int group = Integer.parseInt(d.substring(3, 5));
        final int serial = Integer.parseInt(d.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
                && !"123456789".equals(d) && d.chars().distinct().count() > 1;
    }

    static boolean validNino(final String value) {
        final String v = value.replaceAll("\\s", "");
        final String prefix = v.substring(0, 2);
        return !prefix.equals("BG") && !prefix.equals("GB") && !prefix.equals("NK") && !prefix.equals("KN")
                && !prefix.equals("TN") && !prefix.equals("NT") && !prefix.equals("ZZ");
    }

    static boolean validAadhaar(final String value) {
        final String d = digits(value);
        if (d.length() != 12 || d.charAt(0) < '2') {
            return false;
        }
        int c = 0;
        for (int i = 0; i < d.length(); i++) {
            final int digit = d.charAt(d.length() - 1 - i) - '0';
            c = VERHOEFF_D[c][VERHOEFF_P[i % 8][digit]];
        }
        return c == 0;
    }

    static boolean validSteuerId(final String value) {
        final String d = digits(value);
        if (d.length() != 11 || d.charAt(0) == '0') {
            return false;
        }
        // Among the first ten digits exactly one digit repeats (twice or three times).
        final int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[d.charAt(i) - '0']++;
        }
        int repeated = 0;
        for (final int count : counts) {
            if (count > 3) {
                return false;
            }
            if (count >= 2) {
                repeated++;
            }
        }
        if (repeated != 1) {
            return false;
        }
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (d.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        if (check == 10) {
            check = 0;
        }
        return check == d.charAt(10) - '0';
    }

    static boolean validDniOrNie(final String value) {
        String v = value.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (v.length() != 9) {
            return false;
        }
        final char first = v.charAt(0);
        if (first == 'X' || first == 'Y' || first == 'Z') {
            v = (first - 'X') + v.substring(1);
        }
        final String number = v.substring(0, 8);
        if (!number.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return DNI_LETTERS.charAt(Integer.parseInt(number) % 23) == v.charAt(8);
    }

    static boolean validCodiceFiscale(final String value) {
        final String v = value.toUpperCase(Locale.ROOT);
        if (v.length() != 16) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            final char ch = v.charAt(i);
            final int index = Character.isDigit(ch) ? ch - '0' : ch - 'A';
            // Positions are counted from 1: odd positions (index 0, 2, ...) use the odd table.
            sum += i % 2 == 0 ? CF_ODD[index] : index;
        }
        return (char) ('A' + sum % 26) == v.charAt(15);
    }

    static boolean validBsn(final String value) {
        final String d = digits(value);
        if (d.length() != 9 || d.chars().distinct().count() == 1) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (d.charAt(i) - '0');
        }
        sum -= d.charAt(8) - '0';
        return sum % 11 == 0;
    }

    static boolean validSvnr(final String value) {
        final String d = digits(value);
        if (d.length() != 10 || d.charAt(0) == '0') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += SVNR_WEIGHTS[i] * (d.charAt(i) - '0');
        }
        final int check = sum % 11;
        final int day = Integer.parseInt(d.substring(4, 6));
        final int month = Integer.parseInt(d.substring(6, 8));
        return check != 10 && check == d.charAt(3) - '0' && day >= 1 && day <= 31 && month >= 1 && month <= 12;
    }

    /** Luhn (mod 10) over the digits of a card number. */
    static boolean luhn(final String digitsOnly) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digitsOnly.length() - 1; i >= 0; i--) {
            int n = digitsOnly.charAt(i) - '0';
            if (doubleIt) {
                n *= 2;
                if (n > 9) {
                    n -= 9;
                }
            }
            sum += n;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
