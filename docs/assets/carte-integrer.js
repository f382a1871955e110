/* /carte/integrer/: builds the <iframe> code of an embedded map from the form, and shows it.
 * Without JavaScript the page gives the default code and the table of parameters instead. */
(function () {
  'use strict';

  var NNBSP = '\u202f';
  var form = document.getElementById('ptce-integrer');
  var code = document.getElementById('ptce-i-code');
  var preview = document.getElementById('ptce-i-apercu');
  var error = document.getElementById('ptce-i-erreur');
  var copyBox = document.getElementById('ptce-i-copier');
  var copied = document.getElementById('ptce-i-copie');
  if (!form || !code || !preview) return;

  var local = preview.getAttribute('src').split('?')[0];
  var canonical = document.querySelector('link[rel="canonical"]');
  // The code points at the published site, the preview at the page's own copy of the map.
  var published = new URL(local, canonical ? canonical.href : window.location.href).href;

  function value(name) { return form.elements[name].value.trim(); }

  function read() {
    var query = new URLSearchParams();
    var problems = [];
    ['region', 'statut', 'thematique'].forEach(function (name) {
      if (value(name)) query.set(name, value(name));
    });
    var centre = value('centre');
    var zoom = value('zoom');
    if (centre) {
      var m = /^(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)$/.exec(centre);
      var lat = m ? parseFloat(m[1]) : NaN;
      var lon = m ? parseFloat(m[2]) : NaN;
      if (m && Math.abs(lat) <= 85 && Math.abs(lon) <= 180) query.set('centre', lat + ',' + lon);
      else problems.push('Centre illisible' + NNBSP + ': écrivez la latitude puis la longitude en degrés, ' +
        'avec un point décimal et séparées par une virgule, par exemple 48.11, -1.68.');
    }
    if (zoom) {
      var z = Number(zoom);
      if (Number.isInteger(z) && z >= 2 && z <= 18) query.set('zoom', String(z));
      else problems.push('Zoom impossible' + NNBSP + ': un entier de 2 à 18.');
    }
    var height = Number(value('hauteur'));
    if (!(Number.isInteger(height) && height >= 250 && height <= 1200)) {
      problems.push('Hauteur impossible' + NNBSP + ': un nombre entier de pixels, de 250 à 1200.');
      height = 500;
    }
    return { query: query.toString(), problems: problems, height: height };
  }

  function escapeAttr(s) {
    return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  }

  var timer = null;
  function update() {
    var r = read();
    var suffix = r.query ? '?' + r.query : '';
    var region = form.elements.region;
    var title = 'Carte des pôles territoriaux de coopération économique' +
      (region.value ? ' en ' + region.options[region.selectedIndex].text : '');
    code.textContent = '<iframe src="' + escapeAttr(published + suffix) + '" title="' + escapeAttr(title) +
      '" width="100%" height="' + r.height + '" style="border:1px solid #ccc" loading="lazy"></iframe>';
    error.textContent = r.problems.join(' ');
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (preview.getAttribute('src') !== local + suffix) preview.setAttribute('src', local + suffix);
      preview.style.height = r.height + 'px';
    }, 300);
    if (copied) copied.textContent = '';
  }

  form.hidden = false;
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', function (e) { e.preventDefault(); update(); });

  if (copyBox && navigator.clipboard) {
    copyBox.hidden = false;
    copyBox.querySelector('button').addEventListener('click', function () {
      navigator.clipboard.writeText(code.textContent).then(function () {
        copied.textContent = 'Code copié.';
      }, function () {
        copied.textContent = 'La copie a échoué' + NNBSP + ': sélectionnez le code et copiez-le.';
      });
    });
  }
  update();
}());
