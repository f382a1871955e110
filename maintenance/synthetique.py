"""Synthetic corpora of poles and events, for benchmarks and search comparisons.

    python maintenance/synthetique.py /tmp/grand --poles 5000 --evenements 5000 [--graine 0]

DEST receives a copy of the project (docs, data, macros, ptce, overrides,
mkdocs.yml) unless it already has a mkdocs.yml; then data/poles/ and
data/events/ are filled with fictitious but valid fiches: every field of the
models, real postal codes and communes from data/geo/, vocabularies and source
ids from data/vocabulaires.yml and data/sources.yml, and French prose built
from a bank of sentences so that a search engine meets real vocabulary.

Every field of the models appears in the corpus: the first pole and the first
event fill all of them (consistently: code INSEE, département and regions
match the postal code); the others draw each optional field with a realistic
frequency. Each generated file starts with a comment saying it is fictitious.

The output depends only on the seed and on the project's data files (never on
the current date): the same seed gives byte-identical files.

Without ``keep_real``, the real fiches of data/poles/ and data/events/ are
removed, except those the rest of the project cites: ``poles:`` and
``evenements:`` of data/ressources/ and data/actualites/, links from docs/
pages and chapters, and what those kept fiches cite in turn. Removing them
would leave dangling references (validation errors, strict build warnings),
and no other folder is modified. Their number is returned as kept_poles and
kept_events (56 and 16 with today's data).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from projet import copy_project
from slugify import slugify

from ptce.authoring import canonical
from ptce.authoring.scaffold import ZONES
from ptce.records.corpus import _record_files, reserved_names
from ptce.records.dates import PartialDate
from ptce.records.geo import Commune, Departement, Geo, distance_km, fold
from ptce.records.kinds import BY_KEY
from ptce.records.models import REFERENTIEL, Coordonnees, Evenement, Pole
from ptce.records.sourcefile import read_file
from ptce.text.urls import MAX_NAME

ROOT = Path(__file__).resolve().parent.parent

RESERVED = reserved_names(Pole) | reserved_names(Evenement)  # with docs/ pages: see corpus.docs_files


HEADER = "# Fiche synthétique (maintenance/synthetique.py, graine {seed}) : données fictives, pour les mesures et les essais."

# --------------------------------------------------------------------------- word banks

FIRST_F = [
    "Hélène",
    "Léa",
    "Zoé",
    "Anaïs",
    "Gaëlle",
    "Noémie",
    "Chloé",
    "Agnès",
    "Céline",
    "Élodie",
    "Maëlle",
    "Sophie",
    "Camille",
    "Julie",
    "Inès",
    "Mélanie",
    "Bérénice",
    "Françoise",
    "Geneviève",
    "Héloïse",
    "Clémence",
    "Aurélie",
    "Nadège",
    "Karima",
    "Fatou",
    "Yasmina",
    "Marie-Thérèse",
    "Solène",
    "Margaux",
    "Océane",
    "Estelle",
    "Joëlle",
    "Rachida",
    "Séverine",
    "Véronique",
    "Armelle",
]
FIRST_M = [
    "Jérôme",
    "François",
    "Loïc",
    "Benoît",
    "Grégoire",
    "Théo",
    "Mathéo",
    "Raphaël",
    "Jean-Marc",
    "Hervé",
    "Frédéric",
    "Stéphane",
    "Noël",
    "Joël",
    "Gaël",
    "Cédric",
    "Amadou",
    "Karim",
    "Yannick",
    "Rémi",
    "Sébastien",
    "Étienne",
    "Valentin",
    "Maxime",
    "Pierre-Yves",
    "Jean-Loup",
    "Aurélien",
    "Mickaël",
    "Thierry",
    "Dominique",
    "Bruno",
    "Félix",
    "Anatole",
    "Mehdi",
    "Ronan",
    "Erwan",
]
LAST = [
    "Lefèvre",
    "Bénard",
    "Guérin",
    "Ménard",
    "Péron",
    "Rivière",
    "Caron",
    "Dupré",
    "Hébert",
    "Lemaître",
    "Fournier",
    "Mercier",
    "Chevalier",
    "Gauthier",
    "Boucher",
    "Moreau",
    "Lambert",
    "Faure",
    "Rousseau",
    "Blanchard",
    "Barbier",
    "Brunet",
    "Hamel",
    "Le Goff",
    "Le Gall",
    "Kerbrat",
    "Morvan",
    "Quéméner",
    "Etcheverry",
    "Larrieu",
    "Casanova",
    "Santoni",
    "Lopez",
    "Diallo",
    "Benali",
    "Nguyen",
    "Ferreira",
    "Schmitt",
    "Muller",
    "Weber",
    "Vasseur",
    "Delattre",
    "Leroux",
    "Poulain",
    "Roche",
    "Vidal",
    "Bonnet",
    "Pelletier",
    "Arnaud",
    "Gaillard",
    "Marchand",
    "Perrin",
    "Besson",
    "Jacquet",
    "Dumas",
    "Château",
    "Lacroix",
    "Després",
    "Fabre",
    "Giraud",
    "Noël",
    "Sénéchal",
    "Thébault",
    "Aubé",
    "Brûlé",
]

ROLES = [
    ("Coordinatrice", "Coordinateur"),
    ("Directrice", "Directeur"),
    ("Présidente", "Président"),
    ("Chargée de mission", "Chargé de mission"),
    ("Chargée de développement", "Chargé de développement"),
    ("Animatrice du pôle", "Animateur du pôle"),
    ("Co-gérante", "Co-gérant"),
    ("Trésorière", "Trésorier"),
    ("Responsable administrative et financière", "Responsable administratif et financier"),
    ("Cheffe de projet", "Chef de projet"),
]

EVOCATIVE = [
    "La Fabrique",
    "L'Établi",
    "Le Grand Atelier",
    "La Ruche",
    "Archipel",
    "Les Bascules",
    "La Coursive",
    "Le Chaudron",
    "La Navette",
    "Les Tisserands",
    "La Bobine",
    "Le Sillon",
    "La Passerelle",
    "Le Comptoir",
    "La Manufacture",
    "L'Escale",
    "Le Relais",
    "La Boussole",
    "L'Atelier partagé",
    "Le Moulin",
    "La Forge",
    "La Canopée",
    "Le Rucher",
    "La Filature",
    "L'Entrepôt",
    "Les Communs",
    "La Grange",
    "Le Quai",
    "La Halle",
    "L'Arsenal",
    "La Serre",
    "Le Phare",
    "La Friche",
    "Le Hangar",
    "L'Îlot",
    "La Clairière",
    "Le Chantier",
    "La Source",
    "Le Fournil",
    "La Cordée",
    "L'Envolée",
    "Le Maillon",
    "La Cantine",
    "Le Tremplin",
    "L'Échappée",
    "Les Sarments",
    "La Pépinière",
    "Le Lavoir",
    "L'Agora",
    "Les Glaneurs",
    "La Cabane",
    "Le Carrefour",
    "La Tannerie",
    "Les Écluses",
    "La Verrière",
    "Le Colombier",
]
EPITHETS = ["solidaire", "durable", "des possibles", "des initiatives", "en commun", "du territoire"]

VOIES = [
    "rue de la République",
    "avenue Jean-Jaurès",
    "place de l'Église",
    "rue Victor-Hugo",
    "chemin des Vignes",
    "boulevard Gambetta",
    "rue du Moulin",
    "impasse des Tisserands",
    "allée des Érables",
    "rue Pasteur",
    "rue de la Gare",
    "place du Marché",
    "rue des Écoles",
    "route de la Forêt",
    "quai des Chartrons",
    "rue Émile-Zola",
    "avenue du Général-de-Gaulle",
    "rue de l'Industrie",
    "chemin du Lavoir",
    "rue des Tanneurs",
    "zone artisanale des Granges",
    "rue Jules-Ferry",
    "place de la Libération",
    "rue Aristide-Briand",
    "avenue de la Résistance",
    "rue du Château-d'Eau",
    "rue des Frères-Lumière",
    "rue Louise-Michel",
    "rue Olympe-de-Gouges",
    "allée Simone-Veil",
]

PARTENAIRES = [
    "la Banque des Territoires",
    "France Active",
    "l'Agence de la transition écologique (ADEME)",
    "le conseil départemental",
    "le conseil régional",
    "la Fondation de France",
    "le Fonds social européen",
    "la caisse d'allocations familiales",
    "la direction régionale de l'économie, de l'emploi, du travail et des solidarités",
    "la Fondation Macif",
    "le Crédit coopératif",
    "la chambre de commerce et d'industrie",
    "la chambre d'agriculture",
    "la chambre de métiers et de l'artisanat",
    "l'Union européenne, au titre du programme LEADER",
    "la Fondation Crédit Mutuel",
    "l'Avise",
]
COLLECTIVITES = [
    "la communauté de communes",
    "la communauté d'agglomération",
    "la métropole",
    "le conseil départemental",
    "la région",
    "le syndicat mixte du pays",
    "la ville {de_city}",
]
FUTURS = [
    "ouvrir un second site dans la vallée voisine",
    "créer une SCIC pour associer davantage les habitants",
    "doubler le nombre de personnes accompagnées",
    "développer une offre de formation commune à tous ses membres",
    "mieux mesurer son impact social et environnemental",
    "essaimer sa démarche dans les territoires voisins",
    "acquérir collectivement le bâtiment qu'il occupe",
    "recruter un second poste de coordination",
    "répondre ensemble à des marchés publics plus importants",
]

# Per thematique: name parts and theme sentences (keys of data/vocabulaires.yml).
THEMES: dict[str, dict] = {
    "arts-culture": dict(
        pole=["culturel", "des arts vivants", "des musiques actuelles", "des arts et de la culture"],
        coop=["culturelle", "artistique et culturelle"],
        coopve=["d'artistes", "culturelle", "des métiers du spectacle"],
        sujet="la culture et les arts vivants",
        act=[
            "la mutualisation de salles de répétition",
            "l'administration partagée de compagnies de spectacle vivant",
            "la diffusion de concerts dans les villages",
            "l'accueil de résidences d'artistes",
            "un festival de musiques actuelles",
            "un atelier de décors partagé",
        ],
        phr=[
            "Une quinzaine de compagnies de théâtre, de danse et d'arts de la rue y partagent un bureau de production, un parc de matériel scénique et un poste d'administratrice.",
            "Le pôle défend l'idée que la culture est une activité économique à part entière, qui crée des emplois non délocalisables et fait vivre les centres-bourgs.",
            "Les musiciens intermittents y trouvent un accompagnement pour structurer leur activité, sécuriser leurs droits et trouver de nouveaux lieux de diffusion.",
            "Chaque été, les structures membres organisent ensemble une saison culturelle itinérante qui circule de village en village {region_en}.",
            "La coopération permet de mutualiser la billetterie, la communication et la recherche de mécénat, autant de fonctions qu'aucune compagnie ne pourrait assumer seule.",
        ],
    ),
    "emploi-insertion": dict(
        pole=["de l'insertion par l'activité économique", "emploi et insertion", "de l'emploi solidaire"],
        coop=["pour l'emploi", "pour l'insertion et l'emploi"],
        coopve=["d'insertion", "pour l'emploi local"],
        sujet="l'emploi et l'insertion professionnelle",
        act=[
            "l'accompagnement de personnes éloignées de l'emploi",
            "un atelier et chantier d'insertion en espaces verts",
            "la mise à disposition de salariés auprès des entreprises locales",
            "un groupement d'employeurs pour l'insertion et la qualification",
            "des formations aux métiers en tension",
        ],
        phr=[
            "Les chantiers d'insertion du pôle accueillent chaque année des personnes éloignées de l'emploi, accompagnées vers une formation qualifiante ou un contrat durable.",
            "Un groupement d'employeurs permet de proposer des emplois à temps plein à des salariés qui, autrement, cumuleraient plusieurs temps partiels.",
            "L'accompagnement socioprofessionnel est assuré par des conseillères en insertion qui travaillent en lien étroit avec France Travail et les missions locales.",
            "Les parcours combinent mises en situation de travail, formation aux savoirs de base et levée des freins périphériques comme le logement ou la mobilité.",
            "Les entreprises du territoire s'engagent à accueillir des stagiaires et à recruter en priorité les personnes sorties des parcours d'insertion.",
        ],
    ),
    "reprise-activites": dict(
        pole=["de reprise d'activités", "de la transmission d'entreprises"],
        coop=["pour la reprise d'activités"],
        coopve=["de reprise", "des repreneurs"],
        sujet="la reprise et la consolidation d'activités",
        act=[
            "la reprise d'entreprises par leurs salariés",
            "la consolidation d'activités fragilisées",
            "des diagnostics de transmission pour les artisans",
            "la reprise collective de commerces de proximité",
        ],
        phr=[
            "Le pôle repère les entreprises dont le dirigeant approche de la retraite et accompagne leur reprise par les salariés sous forme de SCOP.",
            "Plusieurs commerces de centre-bourg ont ainsi été sauvés de la fermeture grâce à une reprise collective soutenue par l'épargne des habitants.",
            "Un fonds de consolidation apporte des quasi-fonds propres aux structures fragilisées, le temps de retrouver un équilibre.",
            "La transmission d'entreprise est abordée très en amont, avec des diagnostics gratuits proposés aux artisans du territoire.",
        ],
    ),
    "eco-construction": dict(
        pole=["de l'éco-construction", "de l'habitat durable", "des matériaux biosourcés"],
        coop=["pour l'habitat durable"],
        coopve=["d'éco-construction", "d'artisans du bâtiment"],
        sujet="l'éco-construction et l'habitat",
        act=[
            "la rénovation énergétique des logements",
            "la construction en paille et en bois local",
            "une plateforme de matériaux biosourcés",
            "l'accompagnement de projets d'habitat participatif",
            "des formations aux métiers de l'écoconstruction",
        ],
        phr=[
            "Artisans, architectes et entreprises d'insertion travaillent ensemble sur des chantiers de rénovation énergétique utilisant la paille, le chanvre et le bois local.",
            "Une plateforme de matériaux biosourcés permet aux particuliers comme aux professionnels de s'approvisionner en circuit court.",
            "Des formations à l'écoconstruction sont proposées aux demandeurs d'emploi, qui découvrent ainsi des métiers d'avenir du bâtiment.",
            "Le pôle accompagne des projets d'habitat participatif, où les futurs habitants conçoivent ensemble leur logement et des espaces partagés.",
        ],
    ),
    "energie": dict(
        pole=["énergie", "des énergies renouvelables", "de la transition énergétique"],
        coop=["énergétique"],
        coopve=["énergétique citoyenne", "d'énergies renouvelables"],
        sujet="l'énergie et la transition énergétique",
        act=[
            "la production citoyenne d'énergie solaire",
            "la structuration d'une filière bois-énergie",
            "la lutte contre la précarité énergétique",
            "un projet de parc éolien participatif",
            "des conseils en économies d'énergie",
        ],
        phr=[
            "Une société citoyenne de production d'énergie renouvelable a installé des panneaux photovoltaïques sur les toits des écoles et des bâtiments communaux.",
            "Les habitants peuvent investir dans les projets éoliens et solaires du territoire, dont les bénéfices sont réinvestis localement.",
            "Le pôle anime un réseau de chaufferies au bois déchiqueté alimentées par les forêts voisines, gérées durablement.",
            "La lutte contre la précarité énergétique passe par des visites à domicile et des petits travaux réalisés par des salariés en insertion.",
        ],
    ),
    "alimentation-agriculture": dict(
        pole=["alimentaire", "agricole et alimentaire", "des circuits courts"],
        coop=["alimentaire", "agricole"],
        coopve=["paysanne", "alimentaire", "des producteurs"],
        sujet="l'alimentation et les circuits courts",
        act=[
            "l'approvisionnement local des cantines",
            "un magasin de producteurs en circuit court",
            "une légumerie et conserverie d'insertion",
            "un espace-test pour maraîchers",
            "la vente de paniers de légumes biologiques",
        ],
        phr=[
            "Des producteurs, une légumerie d'insertion et des restaurants collectifs se sont associés pour servir des produits locaux et de saison dans les cantines.",
            "Le pôle a ouvert un magasin de producteurs où une trentaine d'agriculteurs vendent en direct, sans intermédiaire, la viande, les légumes et les fromages de la région.",
            "Les circuits courts sont au cœur du projet : paniers hebdomadaires, marchés de plein vent et plateforme de commande en ligne pour les professionnels.",
            "Un espace-test agricole permet à de jeunes maraîchers de s'installer progressivement, avec un accompagnement technique et un accès au foncier.",
            "Le projet alimentaire territorial, élaboré avec {collectivite}, vise à relocaliser une part importante de l'alimentation consommée sur place.",
        ],
    ),
    "environnement-reemploi": dict(
        pole=["du réemploi", "de l'économie circulaire"],
        coop=["pour l'économie circulaire"],
        coopve=["du réemploi", "de recyclage"],
        sujet="le réemploi et l'économie circulaire",
        act=[
            "la collecte et la revente d'objets de réemploi",
            "des ateliers de réparation",
            "le réemploi des matériaux du bâtiment",
            "la sensibilisation à la réduction des déchets",
            "le compostage partagé",
        ],
        phr=[
            "La ressourcerie collecte chaque année plusieurs centaines de tonnes d'objets, qui sont triés, réparés puis revendus à petit prix dans une boutique solidaire.",
            "Des ateliers de réparation de vélos, d'électroménager et de vêtements apprennent aux habitants à prolonger la durée de vie de leurs objets.",
            "Le pôle travaille avec les entreprises du bâtiment pour réemployer les matériaux de déconstruction plutôt que de les envoyer en décharge.",
            "La prévention des déchets passe aussi par la sensibilisation dans les écoles et l'organisation de cafés-réparation.",
        ],
    ),
    "mobilite": dict(
        pole=["mobilité", "des mobilités solidaires"],
        coop=["pour la mobilité"],
        coopve=["de mobilité solidaire"],
        sujet="la mobilité solidaire",
        act=[
            "un garage solidaire",
            "la location de véhicules à petit prix",
            "une auto-école sociale",
            "l'autopartage en milieu rural",
            "une plateforme de mobilité pour l'emploi",
        ],
        phr=[
            "Un garage solidaire répare à moindre coût les véhicules des personnes en insertion, pour qui la voiture reste souvent indispensable pour travailler.",
            "La location de scooters et de vélos à assistance électrique permet aux demandeurs d'emploi de se rendre à un entretien ou à une formation.",
            "Une plateforme de mobilité propose un diagnostic individuel et des cours de code de la route adaptés aux personnes qui maîtrisent mal le français.",
            "Le pôle expérimente un service de transport à la demande et d'autopartage dans les communes rurales mal desservies par les transports publics.",
        ],
    ),
    "commerce-equitable": dict(
        pole=["du commerce équitable"],
        coop=["pour le commerce équitable"],
        coopve=["de commerce équitable"],
        sujet="le commerce équitable",
        act=[
            "la vente de produits équitables",
            "l'éducation à la consommation responsable",
            "la structuration de filières équitables locales",
            "l'accompagnement de producteurs vers un label équitable",
        ],
        phr=[
            "Le pôle promeut un commerce équitable « origine France » qui garantit aux producteurs locaux un prix rémunérateur et des engagements sur plusieurs années.",
            "Une boutique associative vend des produits issus du commerce équitable, de l'artisanat local et de l'agriculture biologique.",
            "Les membres interviennent dans les écoles et les entreprises pour expliquer les enjeux d'une consommation responsable.",
            "Des partenariats avec des coopératives d'Afrique de l'Ouest et d'Amérique latine complètent l'offre de produits.",
        ],
    ),
    "services-personnes": dict(
        pole=["des services à la personne", "du bien vieillir"],
        coop=["pour les services aux personnes"],
        coopve=["d'aide à domicile", "de services aux familles"],
        sujet="les services aux personnes",
        act=[
            "l'aide à domicile des personnes âgées",
            "la garde d'enfants en horaires décalés",
            "le portage de repas",
            "un habitat inclusif",
            "la formation des aides à domicile",
        ],
        phr=[
            "Les services d'aide à domicile du territoire se sont regroupés pour assurer une présence continue auprès des personnes âgées, y compris le week-end.",
            "Le pôle a créé un service de garde d'enfants en horaires décalés, pensé pour les salariés de l'hôtellerie, du commerce et de la santé.",
            "La professionnalisation des aides à domicile et l'amélioration de leurs conditions de travail sont une priorité partagée par tous les membres.",
            "Un habitat inclusif accueille des personnes âgées et des personnes en situation de handicap, à proximité des commerces et des services.",
        ],
    ),
    "entrepreneuriat": dict(
        pole=["de l'entrepreneuriat solidaire", "d'accompagnement des entrepreneurs"],
        coop=["entrepreneuriale"],
        coopve=["d'entrepreneurs", "d'activités et d'emploi"],
        sujet="l'entrepreneuriat et l'accompagnement",
        act=[
            "l'accompagnement des créateurs d'entreprise",
            "une couveuse d'activités",
            "une coopérative d'activités et d'emploi",
            "des ateliers partagés pour jeunes entreprises",
            "des formations à la gestion",
        ],
        phr=[
            "Une coopérative d'activités et d'emploi permet aux porteurs de projet de tester leur activité en toute sécurité, avec le statut d'entrepreneur-salarié.",
            "La couveuse accompagne chaque année plusieurs dizaines de créateurs, souvent des femmes et des demandeurs d'emploi, jusqu'au lancement de leur entreprise.",
            "Des bureaux et des ateliers partagés accueillent les jeunes entreprises à loyer modéré, le temps qu'elles trouvent leur marché.",
            "Les entrepreneurs accompagnés bénéficient de formations collectives en gestion, en comptabilité et en commercialisation.",
        ],
    ),
    "finance-solidaire": dict(
        pole=["de la finance solidaire", "de l'épargne solidaire"],
        coop=["pour la finance solidaire"],
        coopve=["de finance solidaire", "d'épargne locale"],
        sujet="la finance solidaire",
        act=[
            "le financement participatif de projets locaux",
            "une monnaie locale complémentaire",
            "des garanties d'emprunt pour les associations",
            "l'animation d'un club d'investisseurs solidaires",
        ],
        phr=[
            "Un club d'investisseurs pour une gestion alternative et locale de l'épargne solidaire (CIGALES) finance des projets portés par des habitants.",
            "Le pôle travaille avec France Active et les banques coopératives pour faciliter l'accès au crédit des structures de l'économie sociale et solidaire.",
            "Une monnaie locale complémentaire circule chez plusieurs centaines de commerçants et de producteurs du territoire.",
            "Les habitants peuvent souscrire des parts sociales de la SCIC et participer ainsi au financement des projets du pôle.",
        ],
    ),
    "recherche-formation": dict(
        pole=["de recherche et de formation", "des savoirs coopératifs"],
        coop=["pour la recherche et la formation"],
        coopve=["de formation", "de recherche-action"],
        sujet="la recherche et la formation",
        act=[
            "des recherches-actions avec l'université",
            "la formation des dirigeants associatifs",
            "un centre de ressources sur la coopération",
            "l'accueil d'étudiants en alternance",
        ],
        phr=[
            "Un partenariat avec l'université permet à des étudiants de réaliser leurs stages et leurs mémoires au sein des structures membres.",
            "Le pôle mène des recherches-actions sur la mesure de l'utilité sociale et sur les modèles économiques de la coopération.",
            "Des formations courtes sont proposées aux dirigeants associatifs, aux élus et aux salariés de l'économie sociale et solidaire.",
            "Un centre de ressources documentaire rassemble études, guides et retours d'expérience sur les pôles de coopération.",
        ],
    ),
    "numerique": dict(
        pole=["numérique", "du numérique solidaire"],
        coop=["numérique"],
        coopve=["numérique", "du logiciel libre"],
        sujet="le numérique et l'inclusion",
        act=[
            "le reconditionnement d'ordinateurs",
            "la médiation numérique",
            "le développement de logiciels libres",
            "des formations aux métiers du numérique",
        ],
        phr=[
            "Un espace public numérique accompagne les habitants dans leurs démarches administratives en ligne et lutte contre l'illectronisme.",
            "Des ordinateurs reconditionnés par des salariés en insertion sont revendus à bas prix aux familles et aux associations.",
            "Le pôle développe des logiciels libres pour la gestion des associations et des coopératives du territoire.",
            "Une formation aux métiers du numérique est proposée à des jeunes sans qualification, en lien avec les entreprises du secteur.",
        ],
    ),
    "textile": dict(
        pole=["textile", "de la filière textile", "de la mode éthique"],
        coop=["textile"],
        coopve=["textile", "de couture"],
        sujet="la filière textile",
        act=[
            "la confection de vêtements professionnels",
            "la collecte et le tri de textiles",
            "la valorisation de la laine locale",
            "un atelier de couture d'insertion",
        ],
        phr=[
            "Un atelier de confection relocalise la fabrication de vêtements professionnels, commandés par les collectivités et les entreprises du territoire.",
            "La collecte et le tri des textiles usagés alimentent une boutique solidaire et une filière de recyclage en isolant.",
            "Le pôle fait revivre des savoir-faire textiles anciens, de la filature de la laine locale au tissage.",
            "Des couturières formées en insertion travaillent pour de jeunes marques de mode éthique qui souhaitent produire en France.",
        ],
    ),
}
GENERIC_THEME = dict(
    pole=["de coopération économique"],
    coop=["territoriale"],
    coopve=["de territoire"],
    sujet="la coopération économique",
    act=["la mutualisation de moyens entre structures", "l'accompagnement de projets collectifs"],
    phr=[
        "Les structures membres mutualisent des moyens, des compétences et parfois des emplois pour répondre ensemble aux besoins du territoire."
    ],
)

INTRO = [
    "{nom} est un pôle territorial de coopération économique implanté {lieu}, qui réunit des structures de l'économie sociale et solidaire, des entreprises locales et des collectivités autour de {sujet}.",
    "Né en {annee} {lieu}, {nom} rassemble {n1} structures qui ont choisi de coopérer plutôt que de se faire concurrence.",
    "Implanté {lieu}, {nom} fédère associations, coopératives, entreprises d'insertion et PME autour d'un projet de développement local durable.",
    "{nom} est né de la rencontre entre des acteurs de l'économie sociale et solidaire et des élus {region_en}, convaincus qu'un territoire se développe mieux lorsque ses entreprises coopèrent.",
    "Porté par {structure}, {nom} regroupe {n1} acteurs économiques {lieu} et se consacre principalement à {sujet}.",
    "Depuis {annee}, {nom} organise la coopération entre {n1} structures {lieu}, avec une priorité : {sujet}.",
]
HISTOIRE = [
    "L'idée du pôle remonte à {annee}, lorsque plusieurs associations du territoire se sont aperçues qu'elles répondaient séparément aux mêmes appels d'offres.",
    "Les premières réunions se sont tenues dans une salle prêtée par la mairie ; il a fallu près de deux ans pour rédiger une charte de coopération acceptée par tous.",
    "Les fondateurs ont répondu à l'appel « Valoriser et développer les PTCE » lancé par les réseaux de l'économie sociale et solidaire, ce qui a donné une visibilité nationale à leur démarche.",
    "La fermeture d'un important site industriel a laissé de nombreux salariés sans emploi et a convaincu les acteurs locaux de s'organiser autrement.",
    "Au départ, il s'agissait simplement de partager des locaux et un secrétariat ; la coopération s'est ensuite étendue à la production et à la commercialisation.",
    "Le projet a d'abord été soutenu par un dispositif local d'accompagnement (DLA), qui a aidé les structures à formaliser leurs besoins communs.",
    "La crise de {annee2} a mis à l'épreuve la solidarité entre les membres, qui ont mutualisé leur trésorerie pour éviter des licenciements.",
    "Le statut de société coopérative d'intérêt collectif (SCIC) a été adopté quelques années plus tard afin d'associer salariés, usagers, collectivités et bénévoles à la gouvernance.",
]
ACTIVITES = [
    "Ses principales activités sont {act1} et {act2}.",
    "Concrètement, le pôle développe {act1}, mais aussi {act2}.",
    "Parmi les chantiers en cours figurent {act1} et {act2}.",
    "Les membres ont d'abord mis en commun {act1}, avant d'y ajouter {act2}.",
]
GOUVERNANCE = [
    "La gouvernance repose sur un comité de pilotage où siègent les structures membres, les collectivités partenaires et des représentants des salariés.",
    "Chaque structure membre dispose d'une voix, quelle que soit sa taille, ce qui oblige à rechercher le consensus avant toute décision importante.",
    "Une assemblée plénière réunit deux fois par an l'ensemble des membres pour faire le bilan des actions et fixer les priorités de l'année suivante.",
    "Un poste de coordination, financé à parts égales par les membres et par les collectivités, assure l'animation quotidienne de la coopération.",
    "Les décisions sont préparées par des commissions thématiques ouvertes aux habitants, qui peuvent ainsi participer à la vie du pôle.",
    "{structure} assure le portage juridique et administratif du pôle, sans pour autant décider seule de ses orientations.",
]
TERRITOIRE = [
    "Le territoire, marqué par le chômage de longue durée et le vieillissement de la population, manque d'emplois qualifiés et de services de proximité.",
    "Le pôle travaille à l'échelle d'un bassin de vie d'environ {n4} habitants, entre zones rurales et petites villes.",
    "L'ancrage local est au cœur du projet : les achats, les recrutements et les partenariats sont d'abord recherchés dans un rayon de quelques dizaines de kilomètres.",
    "Les acteurs soulignent que les richesses produites restent sur place et profitent aux habitants, plutôt que de partir vers des sièges sociaux éloignés.",
    "La coopération avec les quartiers prioritaires de la ville voisine permet de proposer des emplois à des personnes qui en sont éloignées.",
    "{region_en_cap}, le pôle est régulièrement cité comme un exemple de coopération entre l'économie sociale et solidaire et les collectivités locales.",
]
PARTENARIATS = [
    "Le pôle bénéficie du soutien de {part1} et de {part2}.",
    "Parmi ses partenaires financiers figurent {part1}, {part2} et plusieurs fondations d'entreprise.",
    "Les relations avec {collectivite} se sont renforcées au fil des années, jusqu'à la signature d'une convention pluriannuelle d'objectifs.",
    "La chambre régionale de l'économie sociale et solidaire (CRESS) accompagne le pôle dans l'évaluation de son utilité sociale.",
    "Des chercheurs de l'université voisine suivent le projet et ont consacré plusieurs travaux aux effets de la coopération sur l'emploi local.",
    "Le pôle adhère à plusieurs réseaux nationaux, dont le Labo de l'ESS, le COORACE et le Réseau des collectivités territoriales pour une économie solidaire (RTES).",
]
CHIFFRES = [
    "Les structures membres emploient aujourd'hui {n2} salariés, dont une part importante en contrat d'insertion.",
    "En {annee3}, le chiffre d'affaires cumulé des membres dépassait {n5} millions d'euros.",
    "Plus de {n3} bénévoles participent aux activités, aux côtés des salariés des structures membres.",
    "Depuis sa création, le pôle a contribué à créer ou à maintenir près de {n6} emplois sur le territoire.",
]
PERSPECTIVES = [
    "Pour les années à venir, le pôle souhaite {futur}.",
    "Les membres réfléchissent à l'ouverture d'un tiers-lieu qui regrouperait bureaux partagés, atelier de fabrication et espace de restauration.",
    "Le principal défi reste le financement de la coordination, encore trop dépendant de subventions annuelles.",
    "Le pôle entend transmettre son expérience à d'autres territoires qui souhaitent engager une démarche de coopération économique.",
    "Une réflexion est engagée avec {collectivite} pour intégrer des clauses sociales et environnementales dans la commande publique locale.",
    "La question de la transmission se pose aussi : plusieurs fondateurs approchent de la retraite et la relève doit être préparée.",
]

EVENT_SUJETS = [
    "coopérer pour changer d'échelle",
    "les PTCE et les collectivités locales",
    "financer la coopération économique",
    "gouvernance partagée et modèles économiques",
    "mesurer l'utilité sociale d'un pôle de coopération",
    "la transition écologique par la coopération",
    "la commande publique responsable",
    "les tiers-lieux, espaces de coopération",
    "entreprendre ensemble sur un territoire",
    "l'accompagnement des pôles en émergence",
    "emplois durables et sécurisation des parcours",
    "coopération entre PME et économie sociale et solidaire",
    "les pôles de coopération en milieu rural",
]
EVENT_INTRO_DATE = [
    "Organisée par {org}, la rencontre se tient {ou} le {date}.",
    "L'événement, prévu le {date} {ou}, s'adresse en priorité aux porteurs de projets de coopération {region_en}.",
    "Rendez-vous le {date} {ou} pour cette rencontre proposée par {org}.",
]
EVENT_INTRO = [
    "Cette rencontre réunit les acteurs de l'économie sociale et solidaire, les collectivités et les chercheurs qui s'intéressent aux pôles territoriaux de coopération économique.",
    "{org} propose ce rendez-vous pour faire connaître la démarche des PTCE et encourager les coopérations {region_en}.",
    "La démarche des pôles territoriaux de coopération économique y sera présentée à partir d'exemples concrets.",
]
EVENT_OBJET = [
    "Il s'agit de faire le point sur {sujet} et sur les coopérations économiques qui se développent dans les territoires.",
    "Les participants échangeront sur les conditions de réussite d'une coopération durable : gouvernance partagée, modèle économique, relations avec les collectivités.",
    "Des pôles en activité présenteront leurs réussites mais aussi leurs difficultés, afin que chacun reparte avec des pistes concrètes.",
    "Le programme alterne plénières, tables rondes et ateliers en petits groupes, pour laisser une large place aux échanges.",
    "Une visite de terrain est prévue l'après-midi pour découvrir les activités d'un pôle voisin.",
    "Élus, techniciens des collectivités et dirigeants d'entreprises de l'économie sociale et solidaire y confronteront leurs points de vue.",
    "Les ateliers porteront sur le financement, la gouvernance et l'accompagnement des coopérations, trois questions qui reviennent dans tous les territoires.",
]
EVENT_POLE = "{pole} présentera son expérience ; au programme notamment : {act}."
EVENT_PRATIQUE = [
    "L'inscription est gratuite mais obligatoire, dans la limite des places disponibles.",
    "Un déjeuner préparé par un traiteur d'insertion est proposé sur place.",
    "Les supports des interventions et un compte rendu seront mis en ligne après la rencontre.",
    "Environ {n} participants sont attendus.",
    "Le lieu est accessible aux personnes à mobilité réduite ; un covoiturage est organisé depuis la gare.",
]
EVENT_STATUT = {
    "annule": "L'événement a finalement été annulé par les organisateurs ; une nouvelle date pourrait être proposée.",
    "reporte": "La rencontre a été reportée à une date ultérieure, que les organisateurs annonceront.",
    "prevu": "Les sources annoncent cet événement sans confirmer qu'il a bien eu lieu.",
}
LIEUX = [
    "Maison des associations",
    "Hôtel de Région",
    "Salle des fêtes",
    "Médiathèque municipale",
    "Lycée agricole",
    "Maison de l'économie sociale et solidaire",
    "Centre de congrès",
    "Hôtel de ville",
    "Tiers-lieu {e}",
    "Espace culturel {e}",
    "Halle {e}",
    "Université, amphithéâtre A",
]
ACCES = [
    "Gare SNCF à dix minutes à pied",
    "Bus ligne 3, arrêt Mairie",
    "Parking gratuit sur place",
    "Covoiturage organisé depuis la gare",
]
ACCES_VILLE = [
    "Tramway ligne A, arrêt Hôtel de Ville",
    "Métro ligne 1, station République",
    "Métro, puis dix minutes à pied",
    "Bus de nuit jusqu'à minuit",
]
RESEAUX = [
    "Le Labo de l'ESS",
    "RTES",
    "COORACE",
    "ESS France",
    "France Active",
    "Banque des Territoires",
    "Avise",
    "Mouvement pour l'économie solidaire",
    "Réseau national des ressourceries",
    "Union nationale des acteurs du développement local",
]
FINANCEURS = [
    "État",
    "Banque des Territoires",
    "Fondation Macif",
    "Crédit coopératif",
    "Fonds social européen",
    "Fondation de France",
    "ADEME",
    "Caisse d'épargne",
]
DOCS = [
    ("Programme de la journée", "programme"),
    ("Compte rendu", "compte rendu"),
    ("Diaporama des interventions", "diaporama"),
    ("Synthèse des ateliers", "synthèse"),
    ("Liste des participants", "liste"),
]
PUBLICS = [
    "Acteurs de l'économie sociale et solidaire, collectivités locales, chercheurs, partenaires",
    "Élus et techniciens des collectivités territoriales",
    "Porteurs de projets de pôles territoriaux de coopération économique",
    "Salariés, bénévoles et administrateurs des structures membres des pôles",
    "Tout public intéressé par la coopération économique et le développement local",
]

REGION_EN = {
    "Auvergne-Rhône-Alpes": "en Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté": "en Bourgogne-Franche-Comté",
    "Bretagne": "en Bretagne",
    "Centre-Val de Loire": "en Centre-Val de Loire",
    "Corse": "en Corse",
    "Grand Est": "dans le Grand Est",
    "Guadeloupe": "en Guadeloupe",
    "Guyane": "en Guyane",
    "Hauts-de-France": "dans les Hauts-de-France",
    "Île-de-France": "en Île-de-France",
    "La Réunion": "à La Réunion",
    "Martinique": "en Martinique",
    "Mayotte": "à Mayotte",
    "Normandie": "en Normandie",
    "Nouvelle-Aquitaine": "en Nouvelle-Aquitaine",
    "Occitanie": "en Occitanie",
    "Pays de la Loire": "en Pays de la Loire",
    "Provence-Alpes-Côte d'Azur": "en Provence-Alpes-Côte d'Azur",
}
REGION_DE = {
    "Grand Est": "du Grand Est",
    "Hauts-de-France": "des Hauts-de-France",
    "Pays de la Loire": "des Pays de la Loire",
    "Centre-Val de Loire": "du Centre-Val de Loire",
}
PHONE_PREFIX = {
    "Île-de-France": "01",
    "Bretagne": "02",
    "Normandie": "02",
    "Pays de la Loire": "02",
    "Centre-Val de Loire": "02",
    "Hauts-de-France": "03",
    "Grand Est": "03",
    "Bourgogne-Franche-Comté": "03",
    "Auvergne-Rhône-Alpes": "04",
    "Provence-Alpes-Côte d'Azur": "04",
    "Corse": "04",
    "Nouvelle-Aquitaine": "05",
    "Occitanie": "05",
}
PHONE_OVERSEAS = {"971": "0590", "972": "0596", "973": "0594", "974": "0262", "976": "0269"}
ARRONDISSEMENT = re.compile(r"(Paris|Lyon|Marseille) (\d+)(er|e) Arrondissement")

FIRST_DAY, LAST_DAY = dt.date(2012, 1, 1), dt.date(2030, 12, 31)
MAJ_FIRST, MAJ_LAST = dt.date(2015, 1, 1), dt.date(2026, 12, 31)
# Profiles: about two poles in five, never after the build date of the tests (SOURCE_DATE_EPOCH, 2026).
PROFILE_SHARE = 0.4
PROFILE_FIRST, PROFILE_LAST = dt.date(2013, 6, 1), dt.date(2025, 12, 31)
PROFILE_NOTES = [
    "Séance du bureau",
    "Atelier des membres du pôle",
    "Positionnement préparé par la coordination",
    "Journée d'échanges avec les partenaires",
    "Assemblée générale",
]


# --------------------------------------------------------------------------- French helpers


def a_(name: str) -> str:
    """« à » before a place name: au Havre, aux Abymes, à La Rochelle."""
    if name.startswith("Le "):
        return "au " + name[3:]
    if name.startswith("Les "):
        return "aux " + name[4:]
    return "à " + name


def de_(name: str) -> str:
    """« de » before a place name: du Havre, des Abymes, d'Angers, de Redon."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if fold(name)[:1] in tuple("aeiouyh"):
        return "d'" + name
    return "de " + name


def region_en(region: str) -> str:
    return REGION_EN.get(region, "en " + region)


def region_de(region: str) -> str:
    return REGION_DE.get(region) or de_(region)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def phone(rng: random.Random, prefix: str) -> str:
    digits = prefix + "".join(str(rng.randrange(10)) for _ in range(10 - len(prefix)))
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


def date_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "–": "-", "’": "'"})


def slug(text: str, max_length: int = 0) -> str:
    """python-slugify's slug, with accents folded first.

    Same result as ``slugify(text)`` for French text; the folding only spares
    slugify its transliteration backend lookup, which is slow when the
    optional ``unidecode`` package is missing (a failed import per call).
    """
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return slugify(text, max_length=max_length, word_boundary=True, save_order=True)


def domain(name: str) -> str:
    return (slug(name, max_length=40) or "structure") + ".example.org"


# --------------------------------------------------------------------------- places


@dataclass(frozen=True)
class Spot:
    """A real postal code, one of its communes and its département."""

    cp: str
    commune: Commune
    dept: Departement

    @property
    def city(self) -> str:
        """Name to write in prose: « Paris » for « Paris 11e Arrondissement »."""
        m = ARRONDISSEMENT.fullmatch(self.commune.nom)
        return m.group(1) if m else self.commune.nom

    @property
    def lieu(self) -> str:
        m = ARRONDISSEMENT.fullmatch(self.commune.nom)
        if m:
            return f"à {m.group(1)} ({m.group(2)}{m.group(3)} arrondissement)"
        if fold(self.dept.nom) == fold(self.commune.nom):
            return a_(self.commune.nom)
        return f"{a_(self.commune.nom)} ({self.dept.nom})"

    @property
    def phone_prefix(self) -> str:
        if self.dept.code in PHONE_OVERSEAS:
            return PHONE_OVERSEAS[self.dept.code]
        if self.dept.region == "Occitanie" and self.dept.code in ("11", "30", "34", "48", "66"):
            return "04"
        return PHONE_PREFIX.get(self.dept.region, "09")


class Places:
    """Random real places: every metropolitan département, big cities and overseas."""

    def __init__(self, geo: Geo, postcodes_tsv: Path):
        self.geo = geo
        by_dept: dict[str, list[str]] = {}
        for line in postcodes_tsv.read_text(encoding="utf-8").splitlines()[1:]:
            cp = line.split("\t", 1)[0]
            communes = geo.communes_for_postcode(cp)
            if communes and geo.departement(communes[0].departement):
                by_dept.setdefault(communes[0].departement, []).append(cp)
        self.by_dept = by_dept
        self.metro = [d for d in by_dept if not d.startswith("97")]
        self.overseas = [d for d in by_dept if d.startswith("97")]
        self.big = [cp for cp in by_dept.get("75", []) if cp.startswith("750") or cp == "75116"]
        self.big += [cp for cp in by_dept.get("69", []) if cp.startswith("6900")]
        self.big += [cp for cp in by_dept.get("13", []) if cp.startswith("130") and int(cp[3:]) <= 16]

    def pick(self, rng: random.Random) -> Spot:
        while True:
            r = rng.random()
            if r < 0.12 and self.big:
                cp = rng.choice(self.big)
            elif r < 0.16 and self.overseas:
                cp = rng.choice(self.by_dept[rng.choice(self.overseas)])
            else:
                cp = rng.choice(self.by_dept[rng.choice(self.metro)])
            commune = rng.choice(self.geo.communes_for_postcode(cp))
            # homonyms under one postal code would make « commune » ambiguous: draw again
            if commune.lat is None or self.geo.find_commune(cp, commune.nom) is not commune:
                continue
            return Spot(cp, commune, self.geo.departement(commune.departement))

    def pick_departement(self, rng: random.Random) -> Departement:
        pool = self.metro if rng.random() < 0.95 or not self.overseas else self.overseas
        return self.geo.departement(rng.choice(pool))


def near(rng: random.Random, lat: float, lon: float, max_km: float = 3.0) -> dict | None:
    """A point a few km from (lat, lon), as the strings the reader gives back."""
    for _ in range(10):
        r, theta = max_km * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
        la = round(lat + r * math.cos(theta) / 111.2, 5)
        lo = round(lon + r * math.sin(theta) / (111.2 * max(0.2, math.cos(math.radians(lat)))), 5)
        if distance_km(la, lo, lat, lon) <= max_km + 0.5 and not Coordonnees(lat=la, lon=lo).problems():
            return {"lat": f"{la:.5f}".rstrip("0").rstrip("."), "lon": f"{lo:.5f}".rstrip("0").rstrip(".")}
    return None


# --------------------------------------------------------------------------- generator


def _as_list(value) -> list[str]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return [value] if isinstance(value, str) else []


# Links to a pole or an event page: ../poles/x.md (docs), ../x/ (pole to pole), ../../poles/x/…
_POLE_LINK = re.compile(r"(?:\(|/)poles/([a-z0-9-]+)(?:\.md|/)")
_EVENT_LINK = re.compile(r"(?:\(|/)agenda/([a-z0-9-]+)(?:\.md|/)")
_SIBLING_LINK = re.compile(r"\]\(\.\./([a-z0-9-]+)/\)")


def cited_real_fiches(root: Path) -> tuple[list[str], list[str]]:
    """Slugs of the real poles and events that the rest of the project cites.

    Fields ``poles`` / ``evenements`` of the other data folders, links in docs/
    and in the bodies of other data files, then what the kept fiches cite in
    turn (an event's poles, links between fiches), until nothing new appears.
    """
    data = root / "data"
    folders = {key: data / BY_KEY[key].folder for key in ("pole", "evenement")}
    cited: dict[str, set[str]] = {"pole": set(), "evenement": set()}

    def scan(text: str, siblings: str | None = None) -> None:
        cited["pole"].update(_POLE_LINK.findall(text))
        cited["evenement"].update(_EVENT_LINK.findall(text))
        if siblings:
            cited[siblings].update(_SIBLING_LINK.findall(text))

    for folder in canonical.FOLDERS:
        if folder in (BY_KEY["pole"].folder, BY_KEY["evenement"].folder):
            continue
        for file in _record_files(data / folder):
            src = read_file(file, root)
            cited["pole"].update(_as_list((src.data or {}).get("poles")))
            cited["evenement"].update(_as_list((src.data or {}).get("evenements")))
            scan(src.body)
    if (root / "docs").is_dir():
        for file in sorted((root / "docs").rglob("*.md")):
            scan(file.read_text(encoding="utf-8", errors="replace"))
    done: set[tuple[str, str]] = set()
    while True:
        todo = sorted(
            (kind, name)
            for kind, slugs in cited.items()
            for name in slugs
            if (kind, name) not in done and (folders[kind] / f"{name}.md").is_file()
        )
        if not todo:
            break
        for kind, name in todo:
            done.add((kind, name))
            src = read_file(folders[kind] / f"{name}.md", root)
            cited["pole"].update(_as_list((src.data or {}).get("poles")))
            scan(src.body, siblings=kind)
    return (sorted(s for k, s in done if k == "pole"), sorted(s for k, s in done if k == "evenement"))


class Generator:
    def __init__(self, root: Path, seed: int):
        self.root = root
        self.seed = seed
        self.rng = random.Random(seed)
        data = root / "data"
        self.vocab = read_file(data / "vocabulaires.yml", root, front_matter=False).data or {}
        self.sources = list(read_file(data / "sources.yml", root, front_matter=False).data or {})
        self.places = Places(Geo.load(data / "geo"), data / "geo" / "codes_postaux.tsv")
        self.header = [HEADER.format(seed=seed)]
        self.names: set[str] = set()
        self.words = 0

    def keys(self, section: str) -> list[str]:
        return list(self.vocab.get(section) or {})

    def person(self) -> tuple[str, str, bool]:
        rng = self.rng
        female = rng.random() < 0.5
        first = rng.choice(FIRST_F if female else FIRST_M)
        return first, rng.choice(LAST), female

    def unique_name(
        self, make, taken: set[str], prefix: str = "", max_len: int = MAX_NAME, distinct: bool = True
    ) -> tuple[str, str]:
        """(name, slug): a fresh slug; with distinct, a name never given before (poles)."""
        for _ in range(200):
            name = make()
            rest = slug(name, max_length=max_len)
            ident = f"{prefix}-{rest}" if prefix else rest
            if (
                rest
                and ident not in taken
                and ident not in RESERVED
                and not (distinct and fold(name) in self.names)
            ):
                break
        else:  # the banks are exhausted for this draw: number the name, as the scaffold does
            n = 2
            while f"{ident}-{n}" in taken:
                n += 1
            name, ident = f"{name} {n}", f"{ident}-{n}"
        if distinct:
            self.names.add(fold(name))
        taken.add(ident)
        return name, ident

    # ----------------------------------------------------------------- poles

    def pole_name(self, theme: dict, spot: Spot | None, region: str) -> tuple[str, str]:
        """(name, structure porteuse) for one pole."""
        rng = self.rng
        if spot:
            m = ARRONDISSEMENT.fullmatch(spot.commune.nom)
            city = spot.city
            forms = [de_(city)] * 5 + [f"du Pays {de_(city)}", f"du Bassin {de_(city)}"]
            if m:
                forms += [f"du {m.group(2)}{m.group(3)} arrondissement {de_(city)}"] * 4
            de_t = rng.choice(forms)
        else:
            de_t = region_de(region)
        e = rng.choice(EVOCATIVE)
        patterns = [
            lambda: f"Écopôle {de_t}",
            lambda: f"Pôle de coopération {rng.choice(theme['coop'])} {de_t}",
            lambda: f"Pôle territorial de coopération économique {de_t}",
            lambda: f"Coopérative {rng.choice(theme['coopve'])} {de_t}",
            lambda: f"{e} {rng.choice(EPITHETS)} {de_t}",
            lambda: f"{e} – pôle {rng.choice(theme['pole'])}",
            lambda: f"PTCE {e} {de_t}",
            lambda: f"Pôle {rng.choice(theme['pole'])} {de_t}",
            lambda: f"Tiers-lieu {e} {de_t}",
            lambda: f"Maison de l'économie sociale et solidaire {de_t}",
            lambda: f"Réseau {rng.choice(theme['pole'])} {region_de(region)}",
            lambda: f"Cluster {rng.choice(theme['pole'])} {de_t}",
        ]
        nom = rng.choice(patterns)()
        e2 = rng.choice(EVOCATIVE)
        structures = [
            f"Association {e2}",
            f"SCIC {e2}",
            f"SCOP {e2}",
            f"Association {e2} {de_t}",
            f"Entreprise d'insertion {e2}",
            f"Coopérative d'activités et d'emploi {e2}",
            f"CRESS {region}",
        ]
        if spot:
            structures += [
                f"Communauté de communes {de_t}",
                f"Régie de quartier {de_t}",
                f"Groupement d'employeurs {de_t}",
            ]
        return nom, rng.choice(structures)

    def statuts(self, full: bool = False) -> list[dict]:
        rng = self.rng
        known = set(self.keys("statuts"))
        src = "plan-action-2013" if "plan-action-2013" in self.sources else None
        out: list[tuple[str, dt.date, str]] = []  # (statut, date, precision)
        if rng.random() < 0.3 and {"candidat-appel-2012", "pole-temoin"} <= known:
            out.append(("candidat-appel-2012", dt.date(2012, 1, 1), "annee"))
            if rng.random() < 0.5:
                out.append(
                    ("pole-temoin", dt.date(2012, rng.randint(6, 12), 1), rng.choice(["annee", "mois"]))
                )
            year = rng.randint(2013, 2016)
        else:
            year = rng.randint(2010, 2022)
            if "en-projet" in known:
                out.append(
                    (
                        "en-projet",
                        date_between(rng, dt.date(year, 1, 1), dt.date(year, 12, 31)),
                        rng.choice(["annee", "mois", "jour"]),
                    )
                )
                year += rng.randint(1, 3)
        if "operationnel" in known:
            out.append(
                (
                    "operationnel",
                    date_between(rng, dt.date(year, 1, 1), dt.date(year, 12, 31)),
                    rng.choice(["annee", "mois", "jour"]),
                )
            )
        year += rng.randint(2, 6)
        if year <= 2026 and rng.random() < 0.25:
            end = rng.choice([s for s in ("en-sommeil", "ferme") if s in known] or [None])
            if end:
                out.append(
                    (
                        end,
                        date_between(rng, dt.date(year, 1, 1), dt.date(year, 12, 31)),
                        rng.choice(["annee", "mois", "jour"]),
                    )
                )
        entries = []
        for statut, day, precision in out:
            date = {"annee": f"{day:%Y}", "mois": f"{day:%Y-%m}", "jour": day.isoformat()}[precision]
            entry = {"statut": statut, "date": date}
            if statut in ("candidat-appel-2012", "pole-temoin") and src:
                entry["source"] = src
            elif self.sources and (full or rng.random() < 0.3):
                entry["source"] = rng.choice(self.sources)
            if full or rng.random() < 0.15:
                entry["note"] = rng.choice(
                    [
                        "Date donnée par le site web du pôle.",
                        "Date approximative, selon la presse locale.",
                        "Assemblée générale constitutive.",
                        "Annoncé lors de la journée nationale.",
                    ]
                )
            entries.append(entry)
        return entries

    def responsables(
        self, dom: str, spot: Spot | None, since: int, until: dt.date, full: bool = False
    ) -> list[dict]:
        """Contacts whose dates fall between the pole's first status and the fiche's last check."""
        rng = self.rng
        out = []
        for i in range(rng.choice([1, 1, 2, 2, 3])):
            every = full and i == 0  # a full fiche has one responsable with every field
            first, last, female = self.person()
            role = rng.choice(ROLES)[0 if female else 1]
            r = {"nom": f"{first} {last}", "role": role}
            if every or rng.random() < 0.7:
                start = rng.randint(min(since, until.year - 1), until.year - 1)
                r["depuis"] = str(start) if rng.random() < 0.5 else f"{start}-{rng.randint(1, 12):02d}"
                if every or rng.random() < 0.2:
                    r["jusqu_a"] = str(rng.randint(start + 1, until.year))
            if every or rng.random() < 0.8:
                r["telephone"] = phone(
                    rng,
                    rng.choice(["06", "07"]) if rng.random() < 0.6 else spot.phone_prefix if spot else "09",
                )
            if every or rng.random() < 0.85:
                r["courriel"] = f"{slug(first)}.{slug(last)}@{dom}"
            r["public"] = "true" if every or rng.random() < 0.2 else "false"
            if r["public"] == "false":  # a personal contact is committed only with consent (public: true)
                r.pop("telephone", None)
                r.pop("courriel", None)
            out.append(r)
        return out

    def pole(
        self, taken: set[str], earlier: list[tuple[str, str]], full: bool = False
    ) -> tuple[str, str, dict]:
        """One pole fiche; a full one fills every field of the model (consistently)."""
        rng = self.rng

        def chance(p: float) -> bool:
            return full or rng.random() < p

        themes_all = self.keys("thematiques")
        thematiques = rng.sample(themes_all, k=min(len(themes_all), rng.choice([1, 1, 2, 2, 3])))
        theme = THEMES.get(thematiques[0], GENERIC_THEME) if thematiques else GENERIC_THEME
        mode = 0.0 if full else rng.random()
        spot = dept = None
        if mode < 0.85:
            spot = self.places.pick(rng)
            dept = spot.dept
        else:
            dept = self.places.pick_departement(rng)
        region = dept.region
        nom_inconnu = chance(0.05)
        structure = ""

        def make():
            nonlocal structure
            nom, structure = self.pole_name(theme, spot, region)
            return structure if nom_inconnu else nom

        nom, ident = self.unique_name(make, taken)
        dom = domain(nom)

        data: dict = {"nom": nom}
        if nom_inconnu:
            data["nom_inconnu"] = "true"
        types = self.keys("types")
        if types and chance(0.95):
            data["type"] = rng.choice(types)
        if thematiques:
            data["thematiques"] = thematiques
        statuts = self.statuts(full)
        if statuts:
            data["statuts"] = statuts
        data["structure_porteuse"] = structure
        first_year = int(statuts[0]["date"][:4]) if statuts else 2012
        # the fiche was last checked after every status it gives
        last = max(
            [MAJ_FIRST] + [PartialDate(*(int(x) for x in s["date"].split("-"))).first_day() for s in statuts]
        )
        date_maj = date_between(rng, min(last, MAJ_LAST), MAJ_LAST)
        data["responsables"] = self.responsables(dom, spot, first_year, date_maj, full)
        perimetres = self.keys("perimetres")
        if spot:
            c = spot.commune
            data["adresse"] = f"{rng.randint(1, 120)} {rng.choice(VOIES)}"
            if rng.random() < 0.1:
                data["adresse"] = f"Bâtiment {rng.choice('ABCDE')}, " + data["adresse"]
            data["code_postal"] = spot.cp
            if chance(0.05):
                data["cedex"] = (
                    f"BP {rng.randint(10, 990)} – {spot.cp[:3]}{rng.randint(0, 99):02d} {spot.city} Cedex"
                )
            data["commune"] = c.nom
            if chance(0.1):
                data["code_insee"] = c.insee
            if chance(0.04):  # redundant with the postal code, but consistent: accepted
                data["departement"] = dept.code
            if chance(0.03):
                data["region"] = dept.region
            if chance(0.03):
                data["ancienne_region"] = dept.ancienne_region
            if perimetres and chance(0.08):
                data["perimetre"] = rng.choice(perimetres)
            if chance(0.35):
                point = near(rng, c.lat, c.lon)
                if point:
                    data["coordonnees"] = point
        elif mode < 0.94:
            data["departement"] = dept.code
            if rng.random() < 0.4:
                data["region"] = dept.region
            if "departemental" in perimetres:
                data["perimetre"] = "departemental"
        else:
            if rng.random() < 0.8:
                data["ancienne_region"] = dept.ancienne_region
            if "ancienne_region" not in data or rng.random() < 0.4:
                data["region"] = dept.region
            if perimetres:
                data["perimetre"] = rng.choice(
                    [p for p in ("regional", "national") if p in perimetres] or perimetres
                )
        if chance(0.85):
            data["telephone"] = phone(rng, spot.phone_prefix if spot and rng.random() < 0.9 else "09")
        if chance(0.85):
            data["courriel"] = f"{rng.choice(['contact', 'bonjour', 'accueil', 'coordination'])}@{dom}"
        if chance(0.9):
            data["site_web"] = f"https://{rng.choice(['www.', ''])}{dom}" + rng.choice(["", "/", "/le-pole/"])
        data["date_maj"] = date_maj.isoformat()
        srcs = {s["source"] for s in statuts if "source" in s}
        if self.sources:
            srcs.update(rng.sample(self.sources, k=rng.randint(1, min(2, len(self.sources)))))
        data["sources"] = [s for s in self.sources if s in srcs]
        profils = self.profils(ident, data.get("type"), first_year, date_maj, full)
        if profils:
            data["profils"] = profils

        place = (
            spot.lieu
            if spot
            else (
                f"sur le territoire départemental ({dept.nom})"
                if "departement" in data
                else region_en(region)
            )
        )
        body = self.pole_body(nom, structure, place, spot, region, thematiques, first_year, earlier)
        text = canonical.dump(Pole, data, self.header) + "\n" + body + "\n"
        return ident, nom, {"text": text}

    def profils(
        self, ident: str, kind: str | None, first_year: int, date_maj: dt.date, full: bool
    ) -> list[dict]:
        """Dated profiles on the référentiel (issue 19) for about two poles in five: levels around a tendency
        of the pole's type and of the pole itself, rising a little from one profile to the next. Their own
        random stream, seeded by the pole's name: the rest of the corpus is the same with or without them."""
        rng = random.Random(f"{self.seed}-profils-{ident}")
        if not full and rng.random() >= PROFILE_SHARE:
            return []
        ref = REFERENTIEL
        last = min(date_maj, PROFILE_LAST)
        first = min(max(dt.date(first_year, 1, 1), PROFILE_FIRST), last)
        count = 2 if full else rng.choice([1, 1, 1, 2, 3])
        days = sorted(date_between(rng, first, last) for _ in range(count))
        typologie = {a.cle: rng.choice(list(a.valeurs)) for a in ref.typologie if full or rng.random() < 0.85}
        tilt = rng.uniform(-0.7, 0.7)
        low, high = ref.levels[0], ref.levels[-1]

        def level(key: str, step: int) -> str:
            bias = random.Random(f"biais-{kind}-{key}").uniform(-0.8, 0.8)
            drawn = rng.gauss((low + high) / 2 + bias + tilt + 0.3 * step, 0.8)
            return str(min(high, max(low, round(drawn))))

        out = []
        for step, day in enumerate(days):
            entry: dict = {"date": day.isoformat()}
            if typologie and (full or rng.random() < 0.8):
                entry["typologie"] = dict(typologie)
            keys = [o.lettre for o in ref.objectifs if full or rng.random() < 0.92] or [
                ref.objectifs[0].lettre
            ]
            entry["objectifs"] = {k: level(k, step) for k in keys}
            if full or rng.random() < 0.6:
                entry["indicateurs"] = {
                    i.id: level(i.id, step) for i in ref.notables if full or rng.random() < 0.85
                }
            if full or rng.random() < 0.3:
                entry["note"] = rng.choice(PROFILE_NOTES)
            out.append(entry)
        return out

    def pole_body(self, nom, structure, place, spot, region, thematiques, first_year, earlier) -> str:
        rng = self.rng
        themes = [THEMES.get(t, GENERIC_THEME) for t in thematiques] or [GENERIC_THEME]
        acts = [a for t in themes for a in t["act"]]
        act1, act2 = rng.sample(acts, 2) if len(acts) > 1 else (acts[0], acts[0])
        parts = rng.sample(PARTENAIRES, 2)
        city = spot.city if spot else region
        coll = rng.choice(COLLECTIVITES).format(de_city=de_(city))
        values = dict(
            nom=nom,
            lieu=place,
            sujet=themes[0]["sujet"],
            region_en=region_en(region),
            region_en_cap=cap(region_en(region)),
            structure=structure,
            annee=first_year,
            annee2=rng.choice([2008, 2009, 2020, 2021]),
            annee3=rng.randint(max(first_year, 2015), 2025),
            n1=rng.randint(6, 45),
            n2=rng.randint(12, 260),
            n3=rng.randint(20, 400),
            n6=rng.randint(10, 150),
            n4=f"{rng.randint(15, 250) * 1000:,}".replace(",", " "),
            n5=rng.randint(2, 40),
            act1=act1,
            act2=act2,
            part1=parts[0],
            part2=parts[1],
            collectivite=coll,
            futur=rng.choice(FUTURS),
        )

        def pick(bank: list[str], k: int) -> list[str]:
            return [s.format(**values) for s in rng.sample(bank, min(k, len(bank)))]

        shown = f"**{nom}**" if rng.random() < 0.3 else nom
        if nom == structure:  # nom_inconnu: the fiche bears its structure's name
            intros = [s for s in INTRO if "{structure}" not in s]
            values["structure"] = "La structure porteuse"
        else:
            intros = INTRO
        intro = rng.choice(intros).format(**{**values, "nom": shown})
        p1 = [intro] + pick(HISTOIRE, rng.randint(1, 2))
        p2 = [
            s.format(**values)
            for s in rng.sample(themes[0]["phr"], min(len(themes[0]["phr"]), rng.randint(2, 3)))
        ]
        for t in themes[1:]:
            p2.append(rng.choice(t["phr"]).format(**values))
        p2 += pick(ACTIVITES, 1)
        p3 = pick(GOUVERNANCE, rng.randint(1, 2)) + pick(TERRITOIRE, rng.randint(1, 2))
        p4 = pick(PARTENARIATS, rng.randint(1, 2)) + pick(CHIFFRES, 1)
        if earlier and rng.random() < 0.3:
            other_slug, other_nom = rng.choice(earlier)
            p4.append(
                f"Il coopère régulièrement avec [{other_nom}](../{other_slug}/), notamment pour des achats groupés et des formations communes."
            )
        p5 = pick(PERSPECTIVES, rng.randint(1, 2))
        paragraphs = [p1, p2, p3, p4, p5]
        target = rng.randint(370, 430)
        # more sentences, each in the paragraph of its topic, until the text is long enough
        spare = [
            (i, s)
            for i, bank in (
                (0, HISTOIRE),
                (2, GOUVERNANCE),
                (2, TERRITOIRE),
                (3, PARTENARIATS),
                (3, CHIFFRES),
                (4, PERSPECTIVES),
            )
            for s in bank
        ]
        rng.shuffle(spare)
        used = {s for p in paragraphs for s in p}
        words = sum(len(s.split()) for p in paragraphs for s in p)
        for i, s in spare:
            if words >= target:
                break
            s = s.format(**values)
            if s not in used:
                used.add(s)
                paragraphs[i].append(s)
                words += len(s.split())
        blocks = [" ".join(p) for p in paragraphs]
        if rng.random() < 0.2:
            items = rng.sample(acts, min(len(acts), rng.randint(3, 4)))
            blocks.insert(
                2,
                "Ses activités :\n\n"
                + "\n".join(f"- {cap(a)} ;" for a in items[:-1])
                + f"\n- {cap(items[-1])}.",
            )
        body = "\n\n".join(blocks)
        self.words += len(body.split())
        return body

    # ----------------------------------------------------------------- events

    def event(self, taken: set[str], poles: list[tuple[str, str]], full: bool = False) -> tuple[str, str]:
        """One event fiche; a full one fills every field of the model."""
        rng = self.rng

        def chance(p: float) -> bool:
            return full or rng.random() < p

        types = self.keys("types_evenement") or ["seminaire"]
        etype = rng.choice(types)
        statuts = self.keys("statuts_evenement")
        statut = rng.choices(["programme", "prevu", "reporte", "annule"], [80, 10, 5, 5])[0]
        statut = statut if statut in statuts or not statuts else statuts[0]
        online_only = etype == "webinaire"
        spot = None if online_only and not full and rng.random() < 0.8 else self.places.pick(rng)
        region = spot.dept.region if spot else self.places.pick_departement(rng).region
        day = date_between(rng, FIRST_DAY, LAST_DAY)
        r = 0.0 if full else rng.random()
        precision = "heure" if r < 0.7 else "jour" if r < 0.9 else "mois"
        ndays = (
            2
            if full
            else 1
            if precision == "mois" or online_only or rng.random() < 0.85
            else rng.randint(2, 3)
        )
        themes = [THEMES.get(t, GENERIC_THEME) for t in self.keys("thematiques")] or [GENERIC_THEME]
        theme = rng.choice(themes)
        linked = (
            rng.sample(poles, min(len(poles), rng.choice([1, 2, 3] if full else [0, 1, 1, 2, 2, 3, 4])))
            if poles
            else []
        )

        def make_title():
            sujet = rng.choice([theme["sujet"], rng.choice(EVENT_SUJETS)])
            where = rng.choice([region_en(region), a_(spot.city) if spot else region_en(region), ""])
            label = (self.vocab.get("types_evenement", {}).get(etype) or {}).get("libelle", "Rencontre")
            options = {
                "rencontre-nationale": [
                    f"Rencontre nationale des pôles territoriaux de coopération économique {day.year}",
                    f"Journée nationale des PTCE : {sujet}",
                    f"Assises nationales de la coopération économique : {sujet}",
                ],
                "rencontre-regionale": [
                    f"Rencontre régionale des PTCE {region_de(region)}",
                    f"Rencontre régionale : {sujet} {region_en(region)}",
                    f"Forum de la coopération économique {a_(spot.city) if spot else region_en(region)}",
                ],
                "formation": [
                    f"Formation : {sujet}",
                    f"Cycle de formation « {cap(sujet)} »",
                    f"Formation-action : {sujet} {where}",
                ],
                "seminaire": [f"Séminaire « {cap(sujet)} »", f"Séminaire inter-régional : {sujet}"],
                "journee-etude": [f"Journée d'étude : {sujet}", f"Journée d'étude « {cap(sujet)} » {where}"],
                "webinaire": [f"Webinaire : {sujet}", f"Webinaire « {cap(sujet)} »"],
                "presentation": [
                    f"Présentation publique : {sujet} {where}",
                    f"Présentation publique du projet « {linked[0][1]} »"
                    if linked
                    else f"Présentation publique : {sujet}",
                ],
            }.get(etype, [f"{label} : {sujet} {where}"])
            return " ".join(rng.choice(options).split())

        iso = day.isoformat() if precision != "mois" else f"{day:%Y-%m}"
        titre, ident = self.unique_name(
            make_title, taken, prefix=iso, max_len=MAX_NAME - len(iso) - 1, distinct=False
        )

        data: dict = {"titre": titre, "type": etype, "statut": statut}
        sessions, start, end = self.programme(day, ndays, precision, region, linked)
        last_day = day + dt.timedelta(days=ndays - 1)
        if precision == "heure":
            data["debut"] = f"{day.isoformat()}T{start}"
            data["fin"] = f"{last_day.isoformat()}T{end}"
        elif precision == "jour":
            data["debut"] = day.isoformat()
            if ndays > 1 or rng.random() < 0.3:
                data["fin"] = last_day.isoformat()
        else:
            data["debut"] = iso
        zone = ZONES.get(spot.dept.code) if spot else None
        if zone:
            data["fuseau"] = zone
        elif chance(0.7):
            data["fuseau"] = "Europe/Paris"
        if spot:
            lieu = {"nom": rng.choice(LIEUX).format(e=rng.choice(EVOCATIVE))}
            if chance(0.8):
                lieu["adresse"] = f"{rng.randint(1, 90)} {rng.choice(VOIES)}"
            lieu["code_postal"] = spot.cp
            lieu["commune"] = spot.commune.nom
            if chance(0.5):
                lieu["acces"] = rng.choice(ACCES_VILLE if spot.city != spot.commune.nom else ACCES)
            if chance(0.3):
                point = near(rng, spot.commune.lat, spot.commune.lon)
                if point:
                    lieu["coordonnees"] = point
            data["lieu"] = lieu
        org = rng.choice([f"CRESS {region}", rng.choice(RESEAUX)] + ([linked[0][1]] if linked else []))
        if online_only or chance(0.2):
            data["en_ligne"] = {
                "description": "Entièrement en ligne"
                if online_only
                else "Également accessible en visioconférence",
                "url": f"https://visio.{domain(org)}/{slug(titre, max_length=30)}",
            }
        orgs = [org] + [o for o in rng.sample(RESEAUX, rng.randint(0, 2)) if o != org]
        data["organisateurs"] = [
            {"nom": o, **({"site_web": f"https://www.{domain(o)}"} if rng.random() < 0.6 else {})}
            for o in orgs
        ]
        fin = rng.sample(FINANCEURS, rng.randint(1 if full else 0, 3))
        if spot and rng.random() < 0.5:
            fin.append(f"Ville {de_(spot.city)}")
        if rng.random() < 0.5:
            fin.append(f"Conseil régional {region_de(region)}")
        if fin:
            data["financeurs"] = [{"nom": f} for f in fin]
        data["public"] = rng.choice(PUBLICS)
        if chance(0.85):
            ins = {"obligatoire": rng.choice(["true", "false"])}
            if chance(0.7):
                ins["url"] = f"https://www.{domain(org)}/inscription"
            if chance(0.7):
                ins["courriel"] = f"inscription@{domain(org)}"
            if chance(0.5):
                ins["telephone"] = phone(rng, spot.phone_prefix if spot else "01")
            if chance(0.4):
                limit = day - dt.timedelta(days=rng.randint(3, 20))
                ins["date_limite"] = limit.isoformat()
            if chance(0.5):
                ins["modalites"] = rng.choice(
                    [
                        "Gratuit, déjeuner offert aux participants inscrits.",
                        "Participation de 15 € pour le repas, gratuite pour les demandeurs d'emploi.",
                        "Places limitées à 80 personnes ; inscription en ligne ou par téléphone.",
                    ]
                )
            data["inscription"] = ins
        data["programme"] = sessions
        if linked:
            data["poles"] = [s for s, _ in linked]
        docs = rng.sample(DOCS, rng.randint(1 if full else 0, 3))
        if docs:
            data["documents"] = [
                {
                    "titre": t,
                    **(
                        {"url": f"https://www.{domain(org)}/documents/{ident[:40].rstrip('-')}-{slug(k)}.pdf"}
                        if chance(0.85)
                        else {}
                    ),
                    "type": k,
                }
                for t, k in docs
            ]
        if self.sources:
            data["sources"] = sorted(
                rng.sample(self.sources, rng.randint(1, min(2, len(self.sources)))), key=self.sources.index
            )
        ou = "en ligne" if not spot else spot.lieu
        body = self.event_body(org, ou, day, precision, region, theme, linked, statut)
        return ident, canonical.dump(Evenement, data, self.header) + "\n" + body + "\n"

    def people(self, k: int, region: str, linked) -> list[dict]:
        rng = self.rng
        out = []
        for _ in range(k):
            p: dict = {}
            r = rng.random()
            if r < 0.85:
                first, last, female = self.person()
                p["nom"] = f"{first} {last}"
            else:
                female = rng.random() < 0.5
            if r >= 0.85 or rng.random() < 0.7:
                p["role"] = rng.choice(ROLES)[0 if female else 1]
            p["organisation"] = rng.choice(
                RESEAUX
                + [f"CRESS {region}", f"Conseil régional {region_de(region)}"]
                + [n for _, n in linked]
            )
            if rng.random() < 0.08:
                p["reserve"] = rng.choice(["sous-reserve", "a-preciser", "a-definir"])
            out.append(p)
        return out

    def programme(
        self, day: dt.date, ndays: int, precision: str, region: str, linked
    ) -> tuple[list[dict], str, str]:
        rng = self.rng
        known = set(self.keys("types_session"))
        middle = ["pleniere", "intervention", "table-ronde", "atelier", "temoignage", "echanges"]
        afternoon = ndays == 1 and rng.random() < 0.2
        per_day = rng.randint(3, 6) if ndays == 1 else 2 if ndays == 3 else rng.randint(2, 3)
        n = per_day * ndays  # 3 to 6 sessions
        kinds = (
            [rng.choice(["accueil", "introduction"])]
            + [rng.choice(middle) for _ in range(n - 2)]
            + ["cloture"]
        )
        if ndays == 1 and n >= 5:
            kinds[n // 2] = "pause" if afternoon else rng.choice(["repas", "pause"])
        sujets = rng.sample(EVENT_SUJETS, 4)
        first = 14 * 60 if afternoon else rng.choice([8 * 60 + 30, 9 * 60, 9 * 60 + 30])
        lengths = [
            {"accueil": 30, "introduction": 15, "repas": 90, "pause": 15, "cloture": 30}.get(
                kind, rng.choice([45, 60, 90, 120])
            )
            for kind in kinds
        ]
        for d in range(ndays):  # a day ends by 18:30
            chunk = lengths[d * per_day : (d + 1) * per_day]
            room = 18 * 60 + 30 - (first if d == 0 else 9 * 60)
            if sum(chunk) > room:
                factor = room / sum(chunk)
                lengths[d * per_day : (d + 1) * per_day] = [max(10, int(x * factor) // 5 * 5) for x in chunk]
        minute = first
        first_start = end = None
        sessions = []
        for i, kind in enumerate(kinds):
            d = i // per_day
            if d and i % per_day == 0:
                minute = 9 * 60
            length = lengths[i]
            title = {
                "accueil": rng.choice(["Accueil des participants", "Accueil café"]),
                "introduction": rng.choice(
                    ["Ouverture de la journée", "Introduction : les enjeux de la coopération économique"]
                ),
                "pleniere": f"Plénière : {sujets[0]}",
                "intervention": rng.choice(
                    ["Les PTCE : démarche et enjeux", f"Présentation de l'étude « {cap(sujets[1])} »"]
                ),
                "table-ronde": f"Table ronde : « {cap(sujets[2])} »",
                "atelier": f"Atelier n° {i} : {sujets[3]}",
                "temoignage": f"Témoignages de pôles {region_en(region)}",
                "echanges": "Temps d'échanges avec la salle",
                "repas": rng.choice(["Déjeuner", "Déjeuner-buffet préparé par un traiteur d'insertion"]),
                "pause": "Pause",
                "cloture": rng.choice(["Clôture et perspectives", "Synthèse et clôture de la journée"]),
            }[kind]
            s: dict = {}
            if ndays > 1:
                s["jour"] = (day + dt.timedelta(days=d)).isoformat()
            if precision != "mois":
                s["debut"] = f"{minute // 60:02d}:{minute % 60:02d}"
                s["fin"] = f"{(minute + length) // 60:02d}:{(minute + length) % 60:02d}"
                first_start = first_start or s["debut"]
                end = s["fin"]
            s["titre"] = title
            if kind in known:
                s["type"] = kind
            if kind in ("table-ronde", "atelier", "pleniere") and rng.random() < 0.6:
                s["description"] = rng.choice(
                    [
                        "Qu'est-ce qu'un PTCE ? Pourquoi et comment coopérer ? Comment passer de l'envie à l'action ?",
                        "Échanges à partir de trois expériences de pôles, suivis d'un temps de questions avec la salle.",
                        "Travail en petits groupes sur les freins et les leviers de la coopération, restitution en plénière.",
                    ]
                )
            if kind in ("table-ronde", "atelier", "pleniere", "echanges") and rng.random() < 0.7:
                s["animateurs"] = self.people(1, region, linked)
            if kind in (
                "table-ronde",
                "intervention",
                "temoignage",
                "pleniere",
                "atelier",
                "introduction",
                "cloture",
            ):
                k = rng.randint(2, 4) if kind == "table-ronde" else rng.randint(0, 2)
                if k:
                    s["intervenants"] = self.people(k, region, linked)
            sessions.append(s)
            minute += length
        if precision == "mois":
            return sessions, "", ""
        return sessions, first_start, end

    def event_body(self, org, ou, day, precision, region, theme, linked, statut) -> str:
        rng = self.rng
        date = PartialDate(day.year, day.month, None if precision == "mois" else day.day).french()
        date = date if precision != "mois" else f"courant {date}"
        values = dict(
            org=org,
            ou=ou,
            date=date,
            region_en=region_en(region),
            sujet=theme["sujet"],
            n=rng.randint(4, 30) * 10,
        )
        out = [rng.choice(EVENT_INTRO_DATE).format(**values), rng.choice(EVENT_INTRO).format(**values)]
        out += [s.format(**values) for s in rng.sample(EVENT_OBJET, rng.randint(2, 3))]
        if linked:
            ident, nom = linked[0]
            pole = nom if rng.random() < 0.6 else f"[{nom}](../../poles/{ident}/)"
            out.append(EVENT_POLE.format(pole=pole, act=rng.choice(theme["act"])))
        out += [s.format(**values) for s in rng.sample(EVENT_PRATIQUE, rng.randint(1, 2))]
        if statut in EVENT_STATUT:
            out.append(EVENT_STATUT[statut])
        spare = [s.format(**values) for s in EVENT_OBJET + EVENT_PRATIQUE if s.format(**values) not in out]
        rng.shuffle(spare)
        target = rng.randint(140, 165)
        while spare and sum(len(s.split()) for s in out) < target:
            out.insert(len(out) - 1, spare.pop())
        cut = rng.randint(2, len(out) - 1)
        body = " ".join(out[:cut]) + "\n\n" + " ".join(out[cut:])
        self.words += len(body.split())
        return body


def generate(root: Path, n_poles: int, n_events: int, seed: int = 0, keep_real: bool = False) -> dict:
    """Write n_poles pole fiches and n_events event fiches into root/data; return the counts.

    Without keep_real, the real fiches are removed first, except those other data
    folders cite (see the module docstring); their number is in the result.
    """
    root = Path(root)
    poles_dir, events_dir = (root / "data" / BY_KEY[key].folder for key in ("pole", "evenement"))
    poles_dir.mkdir(parents=True, exist_ok=True)
    events_dir.mkdir(parents=True, exist_ok=True)
    kept_poles, kept_events = cited_real_fiches(root) if not keep_real else ([], [])
    if not keep_real:
        keep = {poles_dir / f"{s}.md" for s in kept_poles} | {events_dir / f"{s}.md" for s in kept_events}
        for folder in (poles_dir, events_dir):
            for file in _record_files(folder):
                if file not in keep:
                    file.unlink()
    taken_poles = {p.stem for p in _record_files(poles_dir)}
    taken_events = {p.stem for p in _record_files(events_dir)}
    real_poles, real_events = len(taken_poles), len(taken_events)
    gen = Generator(root, seed)
    for folder in (poles_dir, events_dir):  # real names stay unique too
        for file in _record_files(folder):
            d = read_file(file, root).data or {}
            name = d.get("nom") if folder is poles_dir else None
            if isinstance(name, str):
                gen.names.add(fold(name))
    made: list[tuple[str, str]] = []
    for i in range(n_poles):
        ident, nom, out = gen.pole(taken_poles, made, full=i == 0)
        (poles_dir / f"{ident}.md").write_text(out["text"], encoding="utf-8")
        made.append((ident, nom))
    for i in range(n_events):
        ident, text = gen.event(taken_events, made, full=i == 0)
        (events_dir / f"{ident}.md").write_text(text, encoding="utf-8")
    return {
        "poles": n_poles,
        "events": n_events,
        "words": gen.words,
        "kept_poles": real_poles,
        "kept_events": real_events,
    }


def _number(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Génère un corpus synthétique de fiches (pôles et événements) dans une copie du projet."
    )
    parser.add_argument(
        "dest", type=Path, help="dossier de destination (le projet y est copié s'il n'a pas de mkdocs.yml)"
    )
    parser.add_argument("--poles", type=int, default=200, help="nombre de fiches pôle (200 par défaut)")
    parser.add_argument(
        "--evenements", type=int, default=200, help="nombre de fiches événement (200 par défaut)"
    )
    parser.add_argument(
        "--graine",
        type=int,
        default=0,
        help="graine du générateur (0 par défaut) : même graine, mêmes fichiers",
    )
    parser.add_argument(
        "--garder-reelles",
        action="store_true",
        help="garder toutes les fiches réelles de data/poles et data/events",
    )
    args = parser.parse_args(argv)
    dest = args.dest.resolve()
    if dest == ROOT.resolve():
        parser.error("la destination ne peut pas être le dépôt lui-même : indiquez un autre dossier")
    if not (dest / "mkdocs.yml").exists():
        copy_project(dest)
        print(f"Projet copié dans {dest}")
    start = time.perf_counter()
    counts = generate(dest, args.poles, args.evenements, args.graine, args.garder_reelles)
    took = time.perf_counter() - start
    print(
        f"{_number(counts['poles'])} pôles et {_number(counts['events'])} événements générés "
        f"({_number(counts['words'])} mots de texte) en {took:.1f} s, graine {args.graine}."
    )
    if counts["kept_poles"] or counts["kept_events"]:
        print(
            f"Fiches réelles conservées : {counts['kept_poles']} pôles et {counts['kept_events']} événements"
            + ("." if args.garder_reelles else " (citées par d'autres dossiers de data/).")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
