package dev.handoff.corpus;

/** A person on a tenant's roster (or, with a null contact id, someone who is not on it). */
record Person(String contactId, String name, String email, String phone, String role, boolean approved) {

    String mailbox() {
        return name + " <" + email + ">";
    }

    /** The same person with another phone number, as a bridge template might list them. */
    Person withPhone(final String other) {
        return new Person(contactId, name, email, other, role, approved);
    }
}
