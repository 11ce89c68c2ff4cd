"""Word lists for synthetic registrants: French names as ticketing exports really hold them
(accents, hyphens, apostrophes, particles, a few very long ones) and Hauts-de-France places."""

FIRST_NAMES = (
    "Hélène", "Jean-Noël", "Chloé", "Gaëlle", "Zoé", "Anaïs", "Loïc", "Noémie", "Jérôme",
    "François", "Agnès", "Cécile", "Bérénice", "Maïwenn", "Léa", "Éloïse", "Théo", "Benoît",
    "Stéphane", "Clémence", "Inès", "Joël", "Raphaël", "Mélanie", "Aurélien", "Frédéric",
    "Géraldine", "Sébastien", "Valérie", "Thérèse", "Marie", "Jean", "Pierre", "Sophie",
    "Nicolas", "Camille", "Julie", "Thomas", "Lucas", "Emma", "Hugo", "Manon", "Louis",
    "Sarah", "Nathalie", "Isabelle", "Laurent", "Christophe", "Sandrine", "David", "Karim",
    "Fatima", "Mohamed", "Yasmine", "Rachid", "Samira", "Mamadou", "Aminata", "Ibrahim",
    "Awa", "Nguyen", "Linh", "Mehdi", "Sofiane", "Leïla", "Youssef", "Kenza", "Hamza",
    "Océane", "Maëlys", "Anne-Sophie", "Marie-Christine", "Jean-François", "Pierre-Yves",
    "Marie-Hélène", "Jean-Baptiste", "Anne-Laure", "Paul-Henri", "Béatrice", "Grégoire",
    "Josiane", "Gérard", "Michèle", "Françoise", "Noël", "Ophélie", "Cédric", "Élodie",
    "Kévin", "Jessica", "Dylan", "Mathéo", "Anthony", "Audrey", "Maxime", "Pauline",
)

LAST_NAMES = (
    "Dupré", "L'Hôte", "Lefèvre", "Dupont", "Dupond", "Martin", "Bernard", "Petit", "Durand",
    "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand",
    "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Blanc", "Guérin",
    "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Perrin", "Robin",
    "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
    "Marchand", "Duval", "Denis", "Dumont", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
    "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier",
    "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin",
    "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas",
    "Lacroix", "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc",
    "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte", "Lopez", "Jean", "Dupuy",
    "Deschamps", "Vandenbossche", "Dewaele", "Vanhoutte", "Delattre", "Delcourt", "Desmet",
    "Wattrelot", "Cappelle", "Lemaître", "Hennebert", "Poulain", "Carpentier", "Boulanger",
    "N'Diaye", "D'Almeida", "Diallo", "Traoré", "Koné", "Camara", "Benali", "Haddad",
    "Belkacem", "Saïdi", "Nguyen", "Tran", "Le Gall", "Le Goff", "De Smet", "Van der Meersch",
    "Saint-Exupéry", "Lagrange-Ferrègues", "Ould-Brahim", "El Khattabi", "Œillet", "Bœuf",
    "Cœurdevey", "Façon", "Ducrocq", "Dequidt", "Vasseur", "Tellier", "Hochart", "Flament",
)

# About 1 in 150 registrants carries a name long enough to test badges and layouts.
LONG_FIRST_NAMES = (
    "Marie-Bénédicte-Éléonore", "Jean-Christophe-Emmanuel", "Anne-Charlotte-Géraldine",
)
LONG_LAST_NAMES = (
    "de La Rochefoucauld-Montmorency d'Aubigné",
    "Vandenbroucke-Wattebled de Saint-Rémy-au-Bois",
    "Hadj-Abdelkader Ben Mohamed El Ouazzani",
)

ORGANISATIONS = (
    "Amiens Métropole", "Ville d'Amiens", "Préfecture de la Somme", "Région Hauts-de-France",
    "Caisse des dépôts", "Banque des Territoires", "ANCT", "DREETS Hauts-de-France",
    "BGE Picardie", "Initiative Somme", "France Active Picardie", "Réseau Entreprendre Picardie",
    "ADIE", "APES Hauts-de-France", "Fondation de France", "COPAS", "CCI Amiens-Picardie",
    "Chambre de métiers et de l'artisanat Hauts-de-France", "France Travail Amiens Nord",
    "Citéslab Amiens Nord", "Citéslab Saint-Quentin", "Citéslab Creil", "Citéslab Roubaix",
    "Mission locale du Grand Amiénois", "Habitat Amiénois", "OPAC de l'Oise", "Vilogia",
    "Ville de Creil", "Ville de Saint-Quentin", "Ville de Beauvais", "Ville de Roubaix",
    "Ville de Lens", "Communauté d'agglomération du Beauvaisis", "Lille Métropole",
    "Agglomération de la Région de Compiègne", "Communauté urbaine de Dunkerque",
    "La Tech Amiénoise", "Cluster e-santé Hauts-de-France", "Quai de l'innovation",
    "Centre social d'Étouvie", "Association Les Ateliers du Bocage", "Régie de quartier Amiens Nord",
    "Le Courrier picard", "France 3 Hauts-de-France", "Indépendant", "IREV",
    "Fondation Agir Contre l'Exclusion (FACE) Somme",
    "Union des commerçants d'Étouvie", "Coopérative d'activités Fabriques de Picardie",
    "Société d'économie mixte d'aménagement et de développement de la Métropole amiénoise",
)

JOB_TITLES = (
    "Chargé de mission", "Chargée de mission", "Directeur", "Directrice", "Chef de projet",
    "Cheffe de projet", "Conseiller entreprises", "Conseillère en création d'entreprise",
    "Développeur économique", "Élu délégué à la politique de la ville", "Animatrice",
    "Responsable de l'innovation sociale", "Journaliste", "Gérant", "Gérante", "Bénévole",
    "Délégué du préfet", "Chargée d'accompagnement", "Coordinateur", "Étudiante",
)

# City, postcode: the Hauts-de-France, weighted towards Amiens by repetition.
CITIES = (
    ("Amiens", "80000"), ("Amiens", "80080"), ("Amiens", "80090"), ("Amiens", "80000"),
    ("Abbeville", "80100"), ("Albert", "80300"), ("Péronne", "80200"), ("Doullens", "80600"),
    ("Lille", "59000"), ("Roubaix", "59100"), ("Tourcoing", "59200"), ("Dunkerque", "59140"),
    ("Valenciennes", "59300"), ("Douai", "59500"), ("Maubeuge", "59600"),
    ("Villeneuve-d'Ascq", "59650"), ("Beauvais", "60000"), ("Compiègne", "60200"),
    ("Creil", "60100"), ("Noyon", "60400"), ("Saint-Quentin", "02100"), ("Laon", "02000"),
    ("Soissons", "02200"), ("Château-Thierry", "02400"), ("Arras", "62000"), ("Lens", "62300"),
    ("Calais", "62100"), ("Boulogne-sur-Mer", "62200"), ("Béthune", "62400"), ("Liévin", "62800"),
)

MAIL_DOMAINS = ("example.fr", "example.org", "example.com", "exemple.fr")

ATTENTION_TEXTS = (
    "Se déplace en fauteuil roulant : indiquer l'ascenseur.",
    "Allergie sévère aux arachides : prévenir le traiteur.",
    "Interprète LSF réservé : l'accompagner au premier rang.",
    "Badge à remettre en main propre par l'organisation.",
    "Facture à remettre à l'accueil.",
)
