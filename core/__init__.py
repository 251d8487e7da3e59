"""The domain base: configuration, vocabulary, texts, Vietnamese text, formats, xlsx writing, accounts, the database
and its named queries. Imports nothing from etl/, dashboard/ or Streamlit."""
