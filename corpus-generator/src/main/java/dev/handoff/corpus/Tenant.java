package dev.handoff.corpus;

import java.util.List;

/** A customer tenant of the scenario corpus: names, identifiers, plan and roster. */
record Tenant(String id, String name, String shortName, String domain, String prodGuid, String testGuid,
              String slug, String crmId, List<String> regions, List<Person> people) {

    String prodHost() {
        return slug + ".aster-access.example";
    }

    String testHost() {
        return slug + "-sandbox.aster-access.example";
    }

    Person person(final int i) {
        return people.get(i);
    }

    /** The roster's people approved for escalation. */
    List<Person> approved() {
        return people.stream().filter(Person::approved).toList();
    }
}
